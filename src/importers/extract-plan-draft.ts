import { InputError, problem } from '../domain/errors.ts';
import { combineDue, findDeadlineInText, parseDeadline, type ParsedDue } from '../domain/plans/deadline.ts';
import { parseGoal } from '../domain/plans/goal.ts';
import { romanToNumber } from '../domain/plans/numbering.ts';
import { splitBullets, splitTargets } from '../domain/plans/split-targets.ts';
import { fold, squash } from '../domain/plans/text-folding.ts';
import { splitUnitList } from '../domain/plans/unit-list.ts';
import type { UnitResolution } from '../domain/units/unit.ts';
import type { DocumentModel, TableBlock } from './document-model.ts';
import type { DraftDue, DraftTarget, DraftTask, DraftUnit, DraftWarning, PlanDraft } from './draft.ts';
import { cutAtRole, fieldsOf, leadInSentence, roleSplit, splitField, taskTiming, UNIT_HEAD, unitsPart, type Fields } from './item-fields.ts';
import { isNationalBody, issuerOutsideCity } from './issuer-scope.ts';
import { buildOutline, isBulletRank, titleOf, type OutlineNode } from './plan-outline.ts';
import { planYearOf, readPlanHeader } from './plan-header.ts';
import { classify, REFERS_TO_APPENDIX, type Context } from './section-kind.ts';
import { groupLevel, tableLayout, type TableLayout } from './table-layout.ts';
import { message, renderMessage, type Message } from '../domain/messages/message.ts';

interface Inherited {
  path: string[];
  context: Context;
  specific: boolean;
  due: ParsedDue | null;
  lead: string[];
  partners: string[];
  /** Set under sections such as "Tổ chức thực hiện": nothing below them is a plan item. */
  locked?: boolean;
}

// A paragraph telling where things stand ("Hiện nay toàn tỉnh có khoảng 180 trạm …") states a
// baseline, not a target, however many numbers it holds.
const BASELINE = /^(?:hien nay|hien co|hien tai|den nay|tinh den (?:nay|het|thang|ngay|nam))\b/;

/** Pulls every plan item out of a document model; see docs/plan-draft-format.md for the rules. */
class Extractor {
  readonly targets: DraftTarget[] = [];
  readonly tasks: DraftTask[] = [];
  readonly warnings: DraftWarning[] = [];
  private readonly cache = new Map<string, UnitResolution | null>();

  constructor(
    private readonly resolve: (name: string) => UnitResolution,
    private readonly planYear: number | null,
    private readonly planDue: ParsedDue | null,
    /** The issuer's province or ministry when outside the registry's city: its units get no code. */
    private readonly outside: string | null = null,
  ) {}

  /** Set once a top-level targets section is read: unclassified top-level sections after it hold tasks. */
  private afterTargets = false;

  /** A warning on a line: its code, what it says (catalogued), and that said in Vietnamese for the stored draft. */
  warn(line: number, code: string, said: Message): void {
    this.warnings.push({ line, code, message: renderMessage(said, 'vi'), said });
  }

  units(texts: string[], line: number): DraftUnit[] {
    const out: DraftUnit[] = [];
    const seen = new Set<string>();
    for (const text of texts) {
      for (const w of splitUnitList(text)) {
        const key = fold(w.name);
        if (seen.has(key)) continue;
        seen.add(key);
        if (!w.collective && (this.outside || isNationalBody(w.name))) {
          this.warn(line, 'unit_outside_registry', this.outside
            ? message('plan_draft.unit_outside_registry', { name: w.name, outside: this.outside })
            : message('plan_draft.unit_outside_registry_central', { name: w.name }));
          out.push({ name: w.name, code: null, collective: false });
          continue;
        }
        let res = this.cache.get(key);
        if (res === undefined) {
          try {
            res = this.resolve(w.name);
          } catch {
            res = null;
          }
          this.cache.set(key, res);
        }
        const collective = w.collective || !!res?.collective;
        let code: string | null = null;
        if (!collective) {
          const [best, second] = res?.matches ?? [];
          if (!best) this.warn(line, 'unresolved_unit', message('plan_draft.unresolved_unit', { name: w.name }));
          else if (res?.ambiguous || (second && second.score >= best.score - 0.02)) {
            this.warn(line, 'ambiguous_unit', message('plan_draft.ambiguous_unit', { name: w.name, codes: (res?.matches ?? []).slice(0, 3).map((m) => m.code).join(', ') }));
          } else code = best.code;
        }
        out.push({ name: w.name, code, collective });
      }
    }
    return out;
  }

  dueOrInherited(own: ParsedDue | null, inherited: ParsedDue | null, line: number, rawForWarning: string | null): DraftDue & { inherited?: string } {
    if (!own && rawForWarning && rawForWarning.trim()) {
      this.warn(line, 'unparsed_deadline', message('plan_draft.unparsed_deadline', { deadline: rawForWarning.slice(0, 80) }));
    }
    // An open start ("Từ Quý II/2026") ends with the nearest inherited end: the section's, else the plan's.
    const combined = combineDue(combineDue(own, inherited), this.planDue);
    if (combined) return combined;
    return { raw: rawForWarning?.trim() || null, kind: 'none', start: null, end: null };
  }

  addTarget(t: Omit<DraftTarget, 'goal' | 'measure'> & { goalText: string; measureText?: string }): void {
    const goal = parseGoal(t.goalText);
    const { goalText: _ignored, measureText, ...rest } = t;
    const target: DraftTarget = {
      ...rest,
      // A measure column ("Đơn vị", "ĐVT") names the unit as the plan means it ("% GRDP", "Thứ bậc").
      measure: measureText || goal.measure,
      goal: { op: goal.op, value: goal.value, raw: goal.raw, ...(goal.max !== undefined ? { max: goal.max } : {}) },
    };
    if (goal.op === 'qualitative' && /\d\s*%|(?:≥|≤|>|<|tối thiểu|ít nhất|không quá|không ít hơn)\s*\d/u.test(t.goalText)) {
      this.warn(t.source.line, 'unparsed_goal', message('plan_draft.unparsed_goal'));
    }
    if (!target.lead.length) this.warn(t.source.line, 'missing_lead', message('plan_draft.target_missing_lead'));
    // Falling back to the plan's year is a guess: the official must see it, as for tasks.
    if (target.due.kind === 'none' || target.due.inherited === 'plan') {
      this.warn(t.source.line, 'missing_deadline', message('plan_draft.target_missing_deadline'));
    }
    this.targets.push(target);
  }

  addTask(t: DraftTask): void {
    if (!t.lead.length) this.warn(t.source.line, 'missing_lead', message('plan_draft.task_missing_lead'));
    const inherited = (t.due as { inherited?: string }).inherited;
    if (t.due.kind === 'none' || inherited === 'plan') {
      this.warn(t.source.line, 'missing_deadline', message('plan_draft.task_missing_deadline'));
    }
    if (!t.product) this.warn(t.source.line, 'missing_product', message('plan_draft.task_missing_product'));
    this.tasks.push(t);
  }

  sectionDue(title: string): ParsedDue | null {
    const own = findDeadlineInText(title, { planYear: this.planYear });
    if (own) return { ...own, inherited: 'section' };
    const f = fold(title);
    const year = /(?:^|\s)nam\s+(\d{4})(?!\s*[-–]\s*\d)/.exec(f);
    if (year?.[1] && !/\d\/\s*$/.test(f.slice(0, year.index + 1))) {
      const due = parseDeadline(`năm ${year[1]}`);
      if (due) return { ...due, raw: squash(title), inherited: 'section' };
    }
    return null;
  }

  /** Walks a node's children; returns how many tasks they produced (targets are not counted). */
  walk(node: OutlineNode, inh: Inherited): number {
    let tasks = 0;
    const fields = fieldsOf(node);
    for (const child of node.children) {
      if (child.table) {
        tasks += this.table(child.table, inh);
        continue;
      }
      const childText = child.num ? child.num.rest : child.text;
      if (!child.body && splitField(childText)) continue;
      if (child.body) {
        if (inh.context === 'target' && node.rank >= 0 && !inh.locked && !BASELINE.test(fold(child.text)) && parseGoal(child.text).op !== 'qualitative') {
          for (const part of splitTargets(child.text)) this.proseTarget(part, child.line, null, inh);
        }
        continue;
      }
      tasks += this.walkChild(child, inh, fields);
    }
    return tasks;
  }

  walkChild(node: OutlineNode, parent: Inherited, parentFields: Fields): number {
    const isBullet = isBulletRank(node.rank);
    const ownText = (node.num ? node.num.rest : node.text).trim();
    // "2.10.2. Kết quả cần đạt: <một chỉ tiêu>" — a section label with its only item inline.
    const labelled = /^([^:]{3,60}):\s*(.*)$/s.exec(ownText);
    const labelCls = labelled?.[1] ? classify(labelled[1]) : null;
    const inline = labelled && labelCls?.context && labelCls.context !== 'other' ? (labelled[2] ?? '').trim() : '';
    const title = titleOf(node);
    // Only headings (and bullets that introduce a list) say what their section holds; an item's own
    // words ("… các nguồn lực …") do not.
    const introduces = node.children.length > 0 || (!isBullet && /:$/.test(ownText)) || !!inline;
    // An unnumbered lead-in sentence ("… theo các nguyên tắc sau:") is read by its last words.
    const pseudo = node.rank >= 9.5 && node.rank < 10;
    const clsSource = labelCls?.context ? (labelled?.[1] ?? '') : pseudo ? node.text : title;
    let cls = (introduces || labelCls?.context) && clsSource.length < 250 ? classify(clsSource) : { context: null as Context | null, specific: false, general: false };
    if (pseudo && /nguyen tac|quan diem|yeu cau|noi nhan|nhu sau/.test(fold(node.text.slice(-40)))) cls = { context: 'other', specific: false, general: false };
    let context: Context = parent.context;
    // Tasks live under many headings ("Phát triển nền móng kinh tế số …"), not only "Nhiệm vụ": a
    // top-level section that names no kind and follows the targets holds the plan's work.
    const topLevel = !isBullet && parent.path.length === 0 && node.num !== null && node.num.style !== 'appendix';
    if (topLevel && cls.context === null && this.afterTargets && !parent.locked) cls = { context: 'task', specific: false, general: false };
    if (topLevel && cls.context === 'target') this.afterTargets = true;
    let specific = parent.specific || cls.specific;
    let locked = parent.locked ?? false;
    if (locked) context = 'other';
    else if (cls.context === 'target' && cls.general && !(parent.context === 'target' && parent.specific)) context = 'other';
    else if (cls.context) {
      context = cls.context;
      if (context === 'other' && !isBullet) locked = true;
    }
    if (node.num?.style === 'appendix') {
      context = 'other';
      specific = false;
      locked = false;
    }
    const fields = fieldsOf(node);
    const groupLead: string[] = [];
    if (isBullet && node.children.length && /:$/.test(ownText)) {
      const f = fold(ownText);
      if (/\schu tri\b/.test(f) || UNIT_HEAD.test(f)) groupLead.push(unitsPart(cutAtRole(ownText.replace(/:$/, ''))));
    }
    const sectionDue = isBullet ? null : this.sectionDue(title);
    const inh: Inherited = {
      // An unnumbered "PHỤ LỤC" only says the appendices start: structure, not a section of its own.
      path: isBullet || (node.num?.style === 'appendix' && !/[\dIVX]$/u.test(node.num.marker)) ? parent.path : [...parent.path, labelCls?.context ? (labelled?.[1] ?? title).trim() : title],
      context,
      specific,
      locked,
      due: sectionDue ?? parent.due,
      lead: fields.lead.length ? fields.lead : groupLead.length ? groupLead : parentFields.lead.length ? parentFields.lead : parent.lead,
      partners: fields.lead.length || groupLead.length ? fields.partners : parentFields.partners.length ? parentFields.partners : parent.partners,
    };
    if (fields.due) {
      const d = parseDeadline(fields.due, { planYear: this.planYear });
      if (d) inh.due = d;
    } else if (parentFields.due && !fields.count) {
      const d = parseDeadline(parentFields.due, { planYear: this.planYear });
      if (d) inh.due = d;
    }
    let tasks = 0;
    if (inline && !/:$/.test(inline) && !locked && parent.context !== 'other' || (inline && !/:$/.test(inline) && !locked && cls.context)) {
      if (context === 'target') for (const part of splitTargets(inline)) this.proseTarget(part, node.line, null, inh);
      else if (context === 'task') {
        this.proseTask({ ...node, num: null, text: inline }, inh, { ...fields, count: 0 }, inh);
        tasks++;
      }
    }
    tasks += this.walk(node, inh);
    if (tasks > 0 || inline) return tasks;
    const hasFields = fields.count > 0 && (fields.lead.length > 0 || fields.due !== null);
    if (hasFields && !locked && (parent.context !== 'other' || (fields.lead.length > 0 && fields.due !== null))) {
      this.proseTask(node, parent, fields, inh);
      return 1;
    }
    if (locked || context === 'other' && cls.context === 'other') return 0;
    const itemChildren = node.children.filter((c) => !c.body && !c.table && !splitField(c.num ? c.num.rest : c.text));
    const bodies = node.children.filter((c) => c.body && !/:$/.test(c.text.trim()) && !REFERS_TO_APPENDIX.test(fold(c.text)));
    const labelOnly = /:$/.test(ownText) || cls.context === 'task';
    if (!isBullet && context === 'task' && parent.context !== 'other' && bodies.length && !itemChildren.length && labelOnly) {
      for (const body of bodies) this.proseTask({ ...body, num: null }, inh, { ...fields, lead: [], partners: [], count: 0 }, inh);
      return bodies.length;
    }
    if (itemChildren.length) return 0;
    if (!ownText || /:$/.test(ownText)) return 0;
    if (node.children.some((c) => c.body && REFERS_TO_APPENDIX.test(fold(c.text))) || REFERS_TO_APPENDIX.test(fold(ownText))) return 0;
    if (parent.context === 'target' && !parent.locked) {
      if (cls.context && node.children.length) return 0; // a target-section heading with nothing under it
      const fullText = [ownText, ...node.children.filter((c) => c.body).map((c) => c.text)].join(' ');
      const seq = node.num?.style === 'dash' || node.num?.style === 'plus' ? null : node.num?.seq ?? null;
      for (const part of splitTargets(fullText)) this.proseTarget(part, node.line, seq, parent);
      return 0;
    }
    if (parent.context === 'task' && !parent.locked) {
      if (cls.context && node.children.length) return 0;
      // A heading whose work is told in the paragraph under it ("4. Thu hút nguồn lực" + its text):
      // the task is that paragraph; told in several, the heading and all of them.
      const told = bodies.map((c) => c.text.trim());
      const text = told.length === 1 ? (told[0] ?? '') : told.length ? `${ownText.replace(/[:.;]$/, '')}: ${told.join(' ')}` : ownText;
      const whole = told.length ? { ...node, text, num: node.num ? { ...node.num, rest: text } : null } : node;
      this.proseTask(whole, parent, fields, { ...inh, path: parent.path });
      return 1;
    }
    return 0;
  }

  proseTarget(text: string, line: number, seq: number | null, inh: Inherited): void {
    const clean = squash(text);
    const own = findDeadlineInText(clean, { planYear: this.planYear });
    const due = this.dueOrInherited(own, inh.due, line, null);
    const lead = this.units(inh.lead.map(cutAtRole), line);
    this.addTarget({
      seq,
      sectionPath: inh.path,
      text: clean,
      goalText: clean,
      monitor: [],
      lead,
      partners: this.units(inh.partners, line),
      basis: null,
      due,
      source: { line },
    });
  }

  proseTask(node: OutlineNode, parent: Inherited, fields: Fields, inh: Inherited): void {
    const title = squash((node.num ? node.num.rest : node.text).replace(/\*/g, ''));
    const own = findDeadlineInText(title, { planYear: this.planYear });
    let leadTexts = fields.lead.length ? fields.lead : [];
    let partnerTexts = fields.lead.length || fields.partners.length ? fields.partners : [];
    if (!leadTexts.length) {
      const inline = leadInSentence(title);
      if (inline) {
        leadTexts = inline.lead;
        partnerTexts = inline.partners.length ? inline.partners : partnerTexts;
        if (!inline.lead.length) {
          leadTexts = inh.lead;
        }
      }
    }
    if (!leadTexts.length) {
      leadTexts = inh.lead;
      if (!partnerTexts.length) partnerTexts = inh.partners;
    }
    const fieldDue = fields.due !== null ? parseDeadline(fields.due, { planYear: this.planYear }) : null;
    const recurring = !own && !fieldDue ? taskTiming(title) : null;
    // An open start ("Từ Quý II/2026") ends with the section's or the plan's period.
    const sectionDue = parent.due ?? inh.due;
    const due = this.dueOrInherited(own ?? fieldDue ?? recurring, fieldDue && sectionDue === fieldDue ? null : sectionDue, node.line, fields.due);
    const seq = node.num && node.num.style !== 'dash' && node.num.style !== 'plus' ? node.num.seq : null;
    this.addTask({
      seq,
      sectionPath: parent.path,
      title,
      lead: this.units(leadTexts.map(cutAtRole), node.line),
      partners: this.units(partnerTexts, node.line),
      result: fields.result ? squash(fields.result) : null,
      product: fields.product ? squash(fields.product) : null,
      due,
      source: { line: node.line },
    });
  }

  // ---- tables ----

  table(table: TableBlock, inh: Inherited): number {
    const layout = tableLayout(table);
    if (!layout) return 0;
    let produced = 0;
    // Group rows nest ("A Đến năm 2030" > "I Chính quyền số" > "I.1 Giai đoạn 2026-2027" > "1 <nhóm>"):
    // each adds its title to the path, and a period in its title is the deadline of the rows under it.
    let groups: { level: number; title: string; due: ParsedDue | null }[] = [];
    let pending: { line: number; cells: string[] } | null = null;
    const flush = (): void => {
      if (!pending) return;
      const due = [...groups].reverse().find((g) => g.due)?.due ?? null;
      produced += this.tableRow(pending, layout, { ...inh, path: [...inh.path, ...groups.map((g) => g.title)], due: due ?? inh.due });
      pending = null;
    };
    const rows = table.rows.slice(layout.dataFrom).map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) }));
    const othersOf = (cells: string[]): boolean => cells.some((c, i) => i !== layout.seq && i !== layout.detail && i !== layout.item && c.length > 0);
    rows.forEach((row, index) => {
      const cells = row.cells;
      const seqCell = cells[layout.seq] ?? '';
      const detailCell = layout.detail >= 0 ? (cells[layout.detail] ?? '') : '';
      const itemCell = cells[layout.item] ?? '';
      const others = othersOf(cells);
      const romanSeq = romanToNumber(seqCell.replace(/[.)]$/, '')) !== null && !/^\d/.test(seqCell);
      const romanDetail = romanToNumber(detailCell.replace(/[.)]$/, '')) !== null && !/^\d/.test(detailCell);
      const romanItem = /^([IVX]{1,5}|[A-Z])[.)]?\s+\S/.exec(itemCell);
      const level = others || !itemCell ? null : groupLevel(seqCell, detailCell, rows.slice(index + 1).find((r) => r.cells.some(Boolean))?.cells ?? null, layout);
      if (!others && (level !== null || romanSeq || romanDetail || (!seqCell && !detailCell && romanItem && romanToNumber(romanItem[1] ?? '') !== null))) {
        flush();
        // The numeral sits in the title only when no number column holds it ("Y tế" keeps its "Y").
        const title = squash(seqCell || detailCell ? itemCell : itemCell.replace(/^([IVX]{1,5}|[A-Z])[.)]?\s+/, ''));
        const at = level ?? 2;
        groups = groups.filter((g) => g.level < at);
        if (title) groups.push({ level: at, title, due: this.sectionDue(title) });
        return;
      }
      if (romanSeq && others) {
        flush();
        groups = [];
      }
      const isContinuation = !seqCell && !detailCell && pending !== null;
      if (isContinuation && pending) {
        const target = pending;
        cells.forEach((c, i) => {
          if (!c) return;
          let at = i;
          if (layout.kpi >= 0 && /^[-•+]\s/.test(c) && i !== layout.kpi) at = layout.kpi;
          target.cells[at] = target.cells[at] ? `${target.cells[at] ?? ''} ${c}` : c;
        });
        return;
      }
      if (!seqCell && !detailCell && !itemCell && !others) return;
      flush();
      pending = { line: row.line, cells: [...cells] };
      if (layout.kpi >= 0 && !pending.cells[layout.kpi] && /^[-•+<]/.test(pending.cells[layout.kpi + 1] ?? '')) {
        pending.cells.splice(layout.kpi, 1);
      }
    });
    flush();
    return produced;
  }

  tableRow(row: { line: number; cells: string[] }, layout: TableLayout, inh: Inherited): number {
    const cell = (i: number): string => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const seqText = cell(layout.seq).replace(/[.)]$/, '');
    const seq = /^\d+$/.test(seqText) ? Number(seqText) : /^\d+$/.test(cell(layout.detail)) ? Number(cell(layout.detail)) : null;
    const itemText = squash(cell(layout.item));
    const line = row.line;
    if (!itemText && !cell(layout.kpi)) return 0;
    // A lead cell may name both roles ("Sở A chủ trì; Sở B phối hợp"); its partners join the partner column's.
    const leadRoles = roleSplit(cell(layout.lead));
    const leadCell = leadRoles.partners.length ? leadRoles.lead : [cell(layout.lead)];
    const lead = this.units(leadCell.map(cutAtRole), line);
    const partners = this.units([cell(layout.partners), ...leadRoles.partners], line);
    const dueRaw = cell(layout.due);
    const dueParsed = dueRaw ? parseDeadline(dueRaw, { planYear: this.planYear }) : null;
    if (layout.kind === 'target') {
      const monitor = this.units([cell(layout.monitor)], line);
      const basis = cell(layout.basis) ? squash(cell(layout.basis)) : null;
      const value = cell(layout.value);
      if (value) {
        // The goal sits in its own column ("Kết quả", "Chỉ tiêu") with the measure beside it ("%" +
        // "≥ 55" → ≥ 55 %): the row is one target, and the text column only names it.
        const measure = squash(cell(layout.measure));
        const goalText = measure && !fold(value).includes(fold(measure)) ? `${value} ${measure}` : value;
        const own = dueParsed ?? findDeadlineInText(itemText, { planYear: this.planYear });
        this.addTarget({
          seq, sectionPath: inh.path, text: itemText, goalText, measureText: measure || undefined, monitor, lead, partners, basis,
          due: this.dueOrInherited(own, inh.due, line, dueParsed ? null : dueRaw || null), source: { line },
        });
        return 1;
      }
      let warned = false;
      for (const part of splitTargets(itemText)) {
        // The part's own words first, then the row's deadline cell, then the rest of the cell's text.
        const own = findDeadlineInText(part, { planYear: this.planYear }) ?? dueParsed ?? findDeadlineInText(itemText, { planYear: this.planYear });
        this.addTarget({
          seq, sectionPath: inh.path, text: squash(part), goalText: part, monitor, lead, partners, basis,
          due: this.dueOrInherited(own, inh.due, line, warned || dueParsed ? null : dueRaw || null), source: { line },
        });
        warned = true;
      }
      return 1;
    }
    const own = dueParsed ?? findDeadlineInText(itemText, { planYear: this.planYear });
    const due = this.dueOrInherited(own, inh.due, line, dueRaw || null);
    const kpi = cell(layout.kpi);
    const task: DraftTask = {
      seq, sectionPath: inh.path, title: itemText, lead, partners,
      result: cell(layout.result) ? squash(cell(layout.result)) : kpi ? squash(kpi) : null,
      product: cell(layout.product) ? squash(cell(layout.product)) : null,
      due, source: { line },
    };
    this.addTask(task);
    if (kpi) {
      const bullets = splitBullets(kpi);
      bullets.forEach((b, i) => {
        if (i === 0 && !b.bulleted && bullets.length > 1 && parseGoal(b.text).op === 'qualitative') return;
        for (const part of splitTargets(b.text)) {
          const ownDue = findDeadlineInText(part, { planYear: this.planYear });
          this.addTarget({
            seq, sectionPath: [...inh.path, itemText], text: squash(part), goalText: part, monitor: [], lead, partners, basis: null,
            due: this.dueOrInherited(ownDue, due.kind === 'none' ? inh.due : due, line, null), source: { line },
          });
        }
      });
    }
    return 1;
  }
}

/**
 * Extracts a plan draft (header, targets, tasks, "6 rõ" warnings) from a document model. Pure:
 * unit names are resolved through `resolve`, nothing is stored. Throws InputError only for a model
 * that holds no text at all.
 *
 * @example
 *   const draft = extractPlanDraft(readTextDocument(text, 'kh.txt'), (n) => resolver.resolve(n, { within }));
 *   draft.targets[0]?.goal // { op: '>=', value: 95, raw: '≥ 95%' }
 */
export function extractPlanDraft(
  model: DocumentModel,
  resolve: (name: string) => UnitResolution,
  options: { planYear?: number } = {},
): PlanDraft {
  if (!model.blocks.length) {
    throw new InputError(message('import.empty_document'), [problem({ line: 1 }, message('import.nothing_to_import'))]);
  }
  const header = readPlanHeader(model.blocks);
  const planYear = options.planYear ?? planYearOf(header);
  const titleDue = findDeadlineInText(header.plan.title, { planYear });
  // The title's horizon ("giai đoạn 2026–2030", "đến năm 2030") is the plan's period; the issue year only when it names none.
  const planDue: ParsedDue | null = titleDue && titleDue.kind !== 'none' && (titleDue.kind === 'range' || /den/.test(fold(titleDue.raw ?? '')))
    ? { ...titleDue, inherited: 'plan' }
    : planYear
      ? { raw: null, kind: 'date', start: `${planYear}-01-01`, end: `${planYear}-12-31`, inherited: 'plan' }
      : null;
  const extractor = new Extractor(resolve, planYear, planDue, issuerOutsideCity(header.plan.issuer));
  if (!header.plan.code && header.partialCode) {
    extractor.warn(header.codeLine ?? 1, 'missing_code', message('plan_draft.missing_code', { code: header.partialCode }));
  }
  const root = buildOutline(model);
  extractor.walk(root, { path: [], context: 'other', specific: false, due: null, lead: [], partners: [] });
  const byLine = <T extends { source: { line: number } }>(a: T, b: T): number => a.source.line - b.source.line;
  const targets = extractor.targets.map((t, i) => ({ t, i })).sort((a, b) => byLine(a.t, b.t) || a.i - b.i).map((x) => x.t);
  const tasks = extractor.tasks.map((t, i) => ({ t, i })).sort((a, b) => byLine(a.t, b.t) || a.i - b.i).map((x) => x.t);
  const warnings = [...extractor.warnings].sort((a, b) => a.line - b.line);
  return { plan: header.plan, targets, tasks, warnings };
}
