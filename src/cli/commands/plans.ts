import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import type { FieldChange, ItemsDiff } from '../../domain/plans/diff-drafts.ts';
import type { PlanDraft } from '../../importers/draft.ts';
import { diffPlanVersions } from '../../use-cases/plans/diff-plan-versions.ts';
import { findPlanByRef } from '../../use-cases/plans/find-plan.ts';
import { getPlan, type SectionNode } from '../../use-cases/plans/get-plan.ts';
import { importPlan } from '../../use-cases/plans/import-plan.ts';
import { listPlans } from '../../use-cases/plans/list-plans.ts';
import { publishPlan } from '../../use-cases/plans/publish-plan.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliLang, message } from '../../domain/messages/message.ts';
import { draftWarningsIn } from '../../importers/draft-warning-words.ts';
import { cliText } from '../cli-text.ts';

const STATUS_VI = { created: 'tạo kế hoạch mới', new_version: 'phiên bản mới', unchanged: 'không thay đổi (đã nhập tài liệu này)' } as const;
const VERSION_STATUS_VI: Record<string, string> = { draft: 'bản nháp', published: 'đã ban hành', superseded: 'đã thay thế' };

function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

function positiveInt(field: string) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new InputError(message('cli.plans.not_version_number', { raw }), [{ field, message: 'cần số nguyên dương' }]);
    return n;
  };
}

/**
 * Reads one `--unit "Tên đơn vị=CODE"` option (repeatable) into the corrections map; the last "="
 * separates, since registry codes never contain one.
 *
 * @example collectUnit('Trung tâm Phục vụ hành chính công=HN_P_VINH_TUY_PVHCC', {})
 */
export function collectUnit(raw: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = raw.lastIndexOf('=');
  const name = at > 0 ? raw.slice(0, at).trim() : '';
  const code = at > 0 ? raw.slice(at + 1).trim() : '';
  if (!name || !code) {
    throw new InputError(message('cli.plans.expected', { raw }), [{ field: 'unit', message: 'cần dạng "Tên đơn vị=MÃ"' }]);
  }
  if (Object.hasOwn(previous, name) && previous[name] !== code) {
    throw new InputError(message('cli.plans.name_corrected_twice', { name }), [{ field: `units.${name}`, message: `${previous[name] ?? ''} và ${code}` }]);
  }
  return { ...previous, [name]: code };
}

/** `theodoi import` and `theodoi plans import`: the same command under both names. */
function defineImport(command: Command): void {
  command
    .description(cliText('cli.plans.import_plan_document'))
    .argument('<file>', 'plan document')
    .option('--dry-run', cliText('cli.plans.extract_only_store_nothing'))
    .option('--json', cliText('cli.plans.machine_readable_output'))
    .option('--publish', cliText('cli.plans.publish_imported_version'))
    .option('--owner <code>', cliText('cli.plans.owner_unit_code'))
    .option(
      '--unit <name=code>',
      cliText('cli.plans.set_registry_code_of_unresolved'),
      collectUnit,
    )
    .action(async (file: string, _opts, cmd: Command) => {
      const options = optionsOf<{ dryRun?: boolean; json?: boolean; publish?: boolean; owner?: string; unit?: Record<string, string> }>(cmd);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new InputError(message('cli.plans.cannot_open_file', { file }), [
          { field: 'file', message: error instanceof Error ? error.message : String(error) },
        ]);
      }
      await withAppContext(options, async (ctx) => {
        const result = await importPlan(ctx, {
          bytes,
          fileName: path.basename(file),
          dryRun: !!options.dryRun,
          publish: !!options.publish,
          owner: options.owner ?? null,
          ...(options.unit ? { unitCorrections: options.unit } : {}),
          actor: cliActor(),
        });
        if (options.json) {
          if (result.dryRun) printJson(result.draft);
          else printJson({ planId: result.planId, versionId: result.versionId, versionNo: result.versionNo, status: result.status, published: result.published, draft: result.draft, corrections: result.corrections });
          return;
        }
        console.log(draftSummary(result.draft, file, result.owner));
        for (const c of result.corrections) {
          console.log(cliText('cli.plans.unit_name_corrected', { cCode: c.code, cName: c.name, references: c.references, lines: c.lines.join(', ') }));
        }
        if (result.dryRun) {
          console.log(cliText('cli.plans.nothing_stored'));
        } else {
          console.log(`\nKế hoạch #${result.planId}, phiên bản ${result.versionNo}: ${STATUS_VI[result.status]}${result.published ? '; đã ban hành' : ''}.`);
          if (!result.published) console.log(`Ban hành: theodoi plans publish ${result.planId} --version ${result.versionNo}`);
        }
      });
    });
}

const plans: CommandModule = (program: Command) => {
  defineImport(program.command('import'));

  const group = program.command('plans').description(cliText('cli.plans.imported_plans'));

  defineImport(group.command('import'));

  group
    .command('list')
    .description(cliText('cli.plans.list_plans'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      await withAppContext(options, async (ctx) => {
        const rows = await listPlans(ctx);
        if (options.json) return printJson(rows);
        if (rows.length === 0) return console.log('Chưa có kế hoạch nào. Nhập bằng: theodoi import TỆP');
        for (const p of rows) {
          const published = p.publishedVersionNo ? `ban hành: v${p.publishedVersionNo}` : 'chưa ban hành';
          console.log(`#${p.id}\t${p.code ?? '(chưa có số)'}\t${p.title}\t${p.versionCount} phiên bản, ${published}`);
        }
      });
    });

  group
    .command('show')
    .description(cliText('cli.plans.show_plan'))
    .argument('<plan>', 'plan id or code')
    .option('--version <n>', 'version number', positiveInt('version'))
    .option('--json', 'machine-readable output')
    .action(async (ref: string, _opts, command: Command) => {
      const options = optionsOf<{ json?: boolean; version?: number }>(command);
      await withAppContext(options, async (ctx) => {
        const plan = await getPlan(ctx, ref, options.version ?? null);
        if (options.json) return printJson(plan);
        console.log(`#${plan.id} ${plan.title}`);
        console.log(`Số: ${plan.code ?? '—'}  Cơ quan ban hành: ${plan.issuer ?? '—'}  Ngày: ${viDate(plan.issuedOn)}  Đơn vị: ${plan.owner?.name ?? '—'}`);
        console.log(`Phiên bản ${plan.version.versionNo} (${VERSION_STATUS_VI[plan.version.status] ?? plan.version.status}) trong ${plan.versions.length} phiên bản`);
        const print = (nodes: SectionNode[], depth: number): void => {
          for (const node of nodes) {
            const targets = plan.targets.filter((t) => t.sectionId === node.id).length;
            const tasks = plan.tasks.filter((t) => t.sectionId === node.id).length;
            console.log(`${'  '.repeat(depth)}- ${node.title}${targets || tasks ? ` (${targets} chỉ tiêu, ${tasks} nhiệm vụ)` : ''}`);
            print(node.children, depth + 1);
          }
        };
        print(plan.sections, 1);
        console.log(`Tổng: ${plan.targets.length} chỉ tiêu, ${plan.tasks.length} nhiệm vụ, ${plan.warnings.length} cảnh báo.`);
      });
    });

  group
    .command('publish')
    .description(cliText('cli.plans.publish_version'))
    .argument('<plan>', 'plan id or code')
    .option('--version <n>', 'version number (default: latest)', positiveInt('version'))
    .option('--json', 'machine-readable output')
    .action(async (ref: string, _opts, command: Command) => {
      const options = optionsOf<{ json?: boolean; version?: number }>(command);
      await withAppContext(options, async (ctx) => {
        const plan = await findPlanByRef(ctx.db, ref);
        const result = await publishPlan(ctx, { planId: plan.id, versionNo: options.version ?? null, actor: cliActor() });
        if (options.json) return printJson(result);
        console.log(
          result.changed
            ? `Đã ban hành kế hoạch #${result.planId} phiên bản ${result.versionNo}: ${result.targets} chỉ tiêu, ${result.tasks} nhiệm vụ.`
            : `Phiên bản ${result.versionNo} của kế hoạch #${result.planId} đã được ban hành trước đó; không thay đổi.`,
        );
      });
    });

  group
    .command('diff')
    .description(cliText('cli.plans.what_changed_between_versions'))
    .argument('<plan>', 'plan id or code')
    .option('--from <n>', 'old version (default: the one before --to)', positiveInt('from'))
    .option('--to <n>', 'new version (default: latest)', positiveInt('to'))
    .option('--json', 'machine-readable output')
    .action(async (ref: string, _opts, command: Command) => {
      const options = optionsOf<{ json?: boolean; from?: number; to?: number }>(command);
      await withAppContext(options, async (ctx) => {
        const diff = await diffPlanVersions(ctx, ref, { from: options.from ?? null, to: options.to ?? null });
        if (options.json) return printJson(diff);
        console.log(`Kế hoạch #${diff.planId}: phiên bản ${diff.from} → ${diff.to}`);
        for (const change of diff.plan) console.log(`  ${change.field}: ${change.from ?? '—'} → ${change.to ?? '—'}`);
        printItems('Chỉ tiêu', diff.targets, (t) => t.text);
        printItems('Nhiệm vụ', diff.tasks, (t) => t.title);
      });
    });
};

function printItems<T extends { seq: number | null; source: { line: number } }>(label: string, d: ItemsDiff<T>, textOf: (item: T) => string): void {
  console.log(`${label}: +${d.added.length} thêm, -${d.removed.length} bỏ, ~${d.changed.length} sửa, ${d.unchanged} giữ nguyên`);
  const head = (item: T) => `${item.seq ?? '?'}. ${short(textOf(item))} (dòng ${item.source.line})`;
  for (const item of d.added) console.log(`  + ${head(item)}`);
  for (const item of d.removed) console.log(`  - ${head(item)}`);
  for (const c of d.changed) {
    console.log(`  ~ ${head(c.to)}`);
    for (const f of c.fields) console.log(`      ${fieldLabel(f)}: ${short(f.from ?? '—')} → ${short(f.to ?? '—')}`);
  }
}

const FIELD_VI: Record<string, string> = {
  text: 'nội dung',
  title: 'tên',
  goal: 'mục tiêu',
  due: 'thời hạn',
  lead: 'chủ trì',
  partners: 'phối hợp',
  monitor: 'theo dõi',
  measure: 'đơn vị đo',
  basis: 'căn cứ',
  result: 'kết quả',
  product: 'sản phẩm',
  seq: 'STT',
  section: 'mục',
};

function fieldLabel(f: FieldChange): string {
  return FIELD_VI[f.field] ?? f.field;
}

/** The readable import summary in the CLI's language: counts, then each warning with its line. */
export function draftSummary(draft: PlanDraft, file: string, owner: string | null): string {
  const lines = [
    cliText('cli.plans.summary_file', { file }),
    cliText('cli.plans.summary_plan', { title: draft.plan.title || cliText('cli.plans.summary_untitled') }),
    cliText('cli.plans.summary_header', { code: draft.plan.code ?? '—', issuer: draft.plan.issuer ?? '—', date: viDate(draft.plan.issuedOn) }) + (owner ? cliText('cli.plans.summary_owner', { owner }) : ''),
    cliText('cli.plans.summary_counts', { targets: draft.targets.length, tasks: draft.tasks.length, warnings: draft.warnings.length }),
  ];
  const byCode = new Map<string, number>();
  for (const w of draft.warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  if (byCode.size) lines.push(cliText('cli.plans.summary_by_kind', { kinds: [...byCode].map(([code, n]) => `${code} ${n}`).join(', ') }));
  // Each warning from its catalogued code, in the CLI's language (older drafts' texts as stored).
  for (const w of draftWarningsIn(draft.warnings, cliLang())) lines.push(cliText('cli.plans.summary_warning', { line: w.line, code: w.code, message: w.message }));
  return lines.join('\n');
}

function viDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function short(text: string, max = 90): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export default plans;
