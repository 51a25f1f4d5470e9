import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { REPORTING_CYCLES, type ReportingCycle } from '../../domain/reporting/cycles.ts';
import { TIMELINESS_VI } from '../../domain/reporting/timeliness.ts';
import { approveReport } from '../../use-cases/reporting/approve-report.ts';
import { createObligationsFromPlan } from '../../use-cases/reporting/create-obligations-from-plan.ts';
import { getTimeliness } from '../../use-cases/reporting/get-timeliness.ts';
import { listObligationsFor } from '../../use-cases/reporting/list-obligations.ts';
import { prepareSubmission } from '../../use-cases/reporting/prepare-submission.ts';
import { recordLateCounts } from '../../use-cases/reporting/record-late-counts.ts';
import { returnReport } from '../../use-cases/reporting/return-report.ts';
import { submitReport } from '../../use-cases/reporting/submit-report.ts';
import { unlockReport } from '../../use-cases/reporting/unlock-report.ts';
import { updateObligationTerms } from '../../use-cases/reporting/update-obligation.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const int = (field: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InputError(message('cli.reporting.must_positive_integer', { field }), [{ field, message: v }]);
  return n;
};

const reporting: CommandModule = (program: Command) => {
  const group = program.command('reporting').description(cliText('cli.reporting.reporting_obligations_review_and_timeliness'));

  group
    .command('obligations')
    .description(cliText('cli.reporting.create_from_plan_or_list'))
    .option('--from-plan <id>', cliText('cli.reporting.create_from_plan'), int('from-plan'))
    .option('--cycles <list>', `chu kỳ (${REPORTING_CYCLES.join(', ')})`, 'monthly')
    .option('--unit <code>', cliText('cli.reporting.of_unit'))
    .option('--recipient <code>', cliText('cli.reporting.to_unit'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ fromPlan?: number; cycles: string; unit?: string; recipient?: string; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const cycles = o.cycles.split(',').map((c) => c.trim()) as ReportingCycle[];
        const bad = cycles.filter((c) => !REPORTING_CYCLES.includes(c));
        if (bad.length) throw new InputError(message('cli.reporting.unknown_cycle'), bad.map((c) => ({ field: 'cycles', message: c })));
        const obligations = o.fromPlan !== undefined
          ? (await createObligationsFromPlan(ctx, { planId: o.fromPlan, actor: cliActor(), cycles })).obligations
          : await listObligationsFor(ctx, { unit: o.unit, recipient: o.recipient });
        if (o.json) return printJson(obligations);
        for (const x of obligations) console.log(`#${x.id}  ${x.unit.code} → ${x.recipient?.code ?? '—'}  ${x.cycle}  trước ngày ${x.dueDay ?? x.dueOn ?? '—'}  (${x.scope.targetIds.length} chỉ tiêu, ${x.scope.taskIds.length} nhiệm vụ)`);
      });
    });

  group
    .command('set')
    .description(cliText('cli.reporting.edit_obligation'))
    .argument('<id>', 'obligation id')
    .option('--due-day <n>', 'trước ngày N hằng tháng', int('due-day'))
    .option('--due-on <date>', 'hạn (yyyy-mm-dd) cho báo cáo đột xuất')
    .option('--cycle <cycle>', REPORTING_CYCLES.join(' | '))
    .option('--recipient <code>', 'đơn vị nhận')
    .option('--inactive', 'ngừng áp dụng')
    .option('--json', 'machine-readable output')
    .action(async (id: string, _o, command: Command) => {
      const o = optionsOf<{ dueDay?: number; dueOn?: string; cycle?: ReportingCycle; recipient?: string; inactive?: boolean; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const updated = await updateObligationTerms(ctx, int('id')(id), {
          ...(o.dueDay !== undefined ? { dueDay: o.dueDay } : {}),
          ...(o.dueOn !== undefined ? { dueOn: o.dueOn } : {}),
          ...(o.cycle !== undefined ? { cycle: o.cycle } : {}),
          ...(o.recipient !== undefined ? { recipient: o.recipient } : {}),
          ...(o.inactive ? { active: false } : {}),
        }, cliActor());
        if (o.json) printJson(updated);
        else console.log(`Đã cập nhật nghĩa vụ #${updated.id}`);
      });
    });

  group
    .command('open')
    .description(cliText('cli.reporting.open_pre_filled_report_of'))
    .argument('<obligation>', 'obligation id')
    .argument('<period>', '2026-03, 2026-Q1…')
    .option('--refresh', 'đọc lại số liệu, giữ nội dung đơn vị đã nhập')
    .action(async (obligation: string, period: string, _o, command: Command) => {
      const o = optionsOf<{ refresh?: boolean }>(command);
      await withAppContext(o, async (ctx) => printJson(await prepareSubmission(ctx, { obligationId: int('obligation')(obligation), period, actor: cliActor(), refresh: o.refresh ?? false })));
    });

  for (const [name, description] of [
    ['submit', cliText('cli.reporting.submit')],
    ['return', cliText('cli.reporting.return_with_comments')],
    ['approve', cliText('cli.reporting.approve_and_lock')],
    ['unlock', cliText('cli.reporting.audited_unlock')],
  ] as const) {
    group
      .command(name)
      .description(description)
      .argument('<submission>', 'submission id')
      .option('--comment <text>', cliText('cli.reporting.comments_reason'))
      .option('--confirm-empty <parts>', cliText('cli.reporting.submit_empty_parts_confirmed'))
      .action(async (submission: string, _o, command: Command) => {
        const o = optionsOf<{ comment?: string; confirmEmpty?: string }>(command);
        await withAppContext(o, async (ctx) => {
          const id = int('submission')(submission);
          const actor = cliActor();
          const result =
            name === 'submit' ? await submitReport(ctx, id, actor, (o.confirmEmpty ?? '').split(',').map((p) => p.trim()).filter(Boolean))
            : name === 'return' ? await returnReport(ctx, id, actor, o.comment ?? '')
            : name === 'approve' ? await approveReport(ctx, id, actor, o.comment ?? null)
            : await unlockReport(ctx, id, actor, o.comment ?? '');
          console.log(`Báo cáo #${result.id}: ${result.state}${result.locked ? ' (đã khóa)' : ''}`);
        });
      });
  }

  group
    .command('timeliness')
    .description(cliText('cli.reporting.timeliness_per_unit_and_period'))
    .requiredOption('--periods <list>', 'e.g. 2026-01,2026-02,2026-03')
    .option('--unit <code>', 'báo cáo của đơn vị')
    .option('--recipient <code>', 'báo cáo gửi đến đơn vị')
    .option('--record', 'ghi số lần chậm báo cáo thành chỉ số SO_LAN_CHAM_BAO_CAO (theo tháng)')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ periods: string; unit?: string; recipient?: string; record?: boolean; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const periods = o.periods.split(',').map((p) => p.trim()).filter(Boolean);
        if (o.record) for (const p of periods) await recordLateCounts(ctx, p);
        const t = await getTimeliness(ctx, { periods, ...(o.unit ? { unit: o.unit } : {}), ...(o.recipient ? { recipient: o.recipient } : {}) });
        if (o.json) return printJson(t);
        for (const r of t.rows) {
          const late = r.timeliness.status === 'late' || r.timeliness.status === 'missing' ? ` ${r.timeliness.daysLate} ngày` : '';
          console.log(`${r.period}  ${r.unit.code.padEnd(16)} ${TIMELINESS_VI[r.timeliness.status]}${late}`);
        }
        console.log(`Đúng hạn ${t.summary.onTime}, chậm ${t.summary.late}, chưa gửi ${t.summary.missing}, chưa đến hạn ${t.summary.notDue}`);
      });
    });
};

export default reporting;
