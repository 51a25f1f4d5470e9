import type { AppContext } from '../../app-context.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { parseTargetCsv, type TargetCsvRow } from '../../domain/evaluation/target-csv.ts';
import { findIndicatorsByCodes } from '../../repositories/indicators.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { insertTargets, rootUnit, targetsByCodes, unitsByCodes, unitsOfKind, type NewTarget } from '../../repositories/targets.repository.ts';
import { message } from '../../domain/messages/message.ts';

export interface TargetImportSummary {
  /** Targets created (a set row counts its members and its city roll-up). */
  created: number;
  /** Rows that repeat a stored target exactly. */
  unchanged: number;
  codes: string[];
}

/**
 * Imports a targets CSV (see `parseTargetCsv` for the format), all or nothing: every line is
 * checked first — syntax, known indicator, known unit or set, no clash with a different stored
 * target of the same code — and every problem is reported with its line and field. Re-importing
 * the same file changes nothing; a stored target is never overwritten. Every import that creates
 * targets is audited (who, how many, which codes).
 *
 * @example
 * await importTargets(ctx, 'code,indicator,unit,op,value,due\nCT1,DVC_TT,*commune,>=,80,31/12/2026\n', 'cli:admin');
 * // → { created: 127, unchanged: 0, codes: ['CT1', 'CT1.P_BA_DINH', …] }
 */
export async function importTargets(ctx: AppContext, csvText: string, actor: string): Promise<TargetImportSummary> {
  const { rows, problems } = parseTargetCsv(csvText);
  if (problems.length) throw new InputError(message('target.invalid_targets_file'), problems);

  const indicators = await findIndicatorsByCodes(ctx.db, [...new Set(rows.map((r) => r.indicator))]);
  const units = await unitsByCodes(ctx.db, [...new Set(rows.flatMap((r) => ('code' in r.unit ? [r.unit.code] : [])))]);
  const root = await rootUnit(ctx.db);
  const planned: { row: TargetCsvRow; target: NewTarget }[] = [];
  for (const row of rows) {
    const indicator = indicators.get(row.indicator);
    if (!indicator) problems.push(problem({ line: row.line, field: 'indicator' }, message('target.unknown_indicator', { indicator: row.indicator })));
    const base = (code: string, scopeUnitId: number, scopeKind: string, unitText: string) => ({
      code, indicatorId: indicator?.id ?? 0, measure: indicator?.measure ?? null, op: row.op, value: row.value, baseline: row.baseline,
      scopeUnitId, scopeKind, startOn: row.start, dueOn: row.due, dueRaw: row.due, sourceLine: row.line,
      text: row.text ?? `${indicator?.name ?? row.indicator} — ${unitText} ${row.op} ${row.value}${indicator?.measure === '%' ? '%' : ''}`,
    });
    if ('code' in row.unit) {
      const unit = units.get(row.unit.code);
      if (!unit) problems.push(problem({ line: row.line, field: 'unit' }, message('plan.unknown_unit', { code: row.unit.code })));
      else planned.push({ row, target: base(row.code, unit.id, 'unit', unit.code) });
      continue;
    }
    const members = await unitsOfKind(ctx.db, row.unit.kind, row.due);
    if (members.length === 0) {
      problems.push(problem({ line: row.line, field: 'unit' }, message('target.no_unit_of_kind', { kind: row.unit.kind })));
      continue;
    }
    if (!root) {
      problems.push(problem({ line: row.line, field: 'unit' }, message('target.no_root_unit_to_roll')));
      continue;
    }
    planned.push({ row, target: base(row.code, root.id, `set:${row.unit.kind}`, `*${row.unit.kind}`) });
    for (const m of members) planned.push({ row, target: base(`${row.code}.${m.code}`, m.id, 'unit', m.code) });
  }
  const seen = new Map<string, number>();
  for (const { row, target } of planned) {
    const other = seen.get(target.code);
    if (other !== undefined && other !== row.line) problems.push(problem({ line: row.line, field: 'code' }, message('target.clashes_with_line', { targetCode: target.code, other })));
    seen.set(target.code, row.line);
  }
  if (problems.length) throw new InputError(message('target.invalid_targets_file'), problems);

  return ctx.db.transaction().execute(async (trx) => {
    const existing = await targetsByCodes(trx, planned.map((p) => p.target.code));
    const fresh: NewTarget[] = [];
    let unchanged = 0;
    const clashes: Problem[] = [];
    for (const { row, target } of planned) {
      const old = existing.get(target.code);
      if (!old) { fresh.push(target); continue; }
      const same = old.indicatorId === target.indicatorId && old.op === target.op && Number(old.value) === target.value
        && (old.baseline === null ? target.baseline === null : Number(old.baseline) === target.baseline)
        && old.scopeUnitId === target.scopeUnitId && old.startOn === target.startOn && old.dueOn === target.dueOn;
      if (same) unchanged++;
      else clashes.push(problem({ line: row.line, field: 'code' }, message('target.different_target_with_code_exists', { targetCode: target.code })));
    }
    if (clashes.length) throw new InputError(message('target.invalid_targets_file'), clashes);
    await insertTargets(trx, fresh);
    if (fresh.length) {
      await recordAudit(trx, { actor, action: 'import', entity: 'targets', entityId: null, before: null, after: { created: fresh.length, unchanged, codes: fresh.map((t) => t.code) }, at: ctx.now() });
    }
    return { created: fresh.length, unchanged, codes: fresh.map((t) => t.code) };
  });
}
