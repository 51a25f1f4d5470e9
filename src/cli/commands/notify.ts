import type { Command } from 'commander';
import { cliLang } from '../../domain/messages/message.ts';
import { createJobRunner } from '../../jobs/start-job-runner.ts';
import { listJobs } from '../../repositories/jobs.repository.ts';
import { listUnitInbox } from '../../use-cases/notifications/list-inbox.ts';
import { scanReminders } from '../../use-cases/notifications/scan-reminders.ts';
import { subscribeWebhook } from '../../use-cases/notifications/subscribe-webhook.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';
import { cliText } from '../cli-text.ts';

const notify: CommandModule = (program: Command) => {
  const group = program.command('notify').description(cliText('cli.notify.reminders_inbox_and_webhooks'));

  group
    .command('run')
    .description(cliText('cli.notify.scan_reminders_and_deliver_once'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const scan = await scanReminders(ctx);
        const runner = createJobRunner(ctx, { recurring: [], once: [] });
        const delivered = await runner.runDue();
        await runner.stop();
        const failed = (await listJobs(ctx.db, { state: 'failed' })).length;
        if (o.json) printJson({ ...scan, jobsRun: delivered, failedJobs: failed });
        else console.log(`Đã tạo ${scan.sent} thông báo; đã chạy ${delivered} việc gửi; ${failed} việc lỗi hẳn.`);
      });
    });

  group
    .command('inbox')
    .description(cliText('cli.notify.unit_s_inbox'))
    .requiredOption('--unit <code>', 'mã đơn vị')
    .option('--unread', 'chỉ thư chưa đọc')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ unit: string; unread?: boolean; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const items = await listUnitInbox(ctx, o.unit, { unreadOnly: o.unread ?? false });
        if (o.json) return printJson(items);
        // In the CLI's language (THEODOI_LANG) when the notification was written in it.
        const english = cliLang() === 'en';
        for (const n of items) console.log(`${n.readAt ? ' ' : '•'} ${n.createdAt.toISOString().slice(0, 16)}  ${english && n.titleEn !== null ? n.titleEn : n.title}`);
      });
    });

  group
    .command('webhook-add')
    .description(cliText('cli.notify.register_webhook_prints_signing_secret'))
    .requiredOption('--url <url>', 'địa chỉ nhận')
    .option('--unit <code>', 'chỉ thông báo của đơn vị này')
    .option('--events <list>', 'report.reminder,report.escalation,report.* (mặc định: tất cả)')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ url: string; unit?: string; events?: string }>(command);
      await withAppContext(o, async (ctx) => {
        const events = o.events ? o.events.split(',').map((e) => e.trim()).filter(Boolean) : [];
        printJson(await subscribeWebhook(ctx, { url: o.url, events, unit: o.unit ?? null }, cliActor()));
      });
    });
};

export default notify;
