import type { Command } from 'commander';
import { digestText } from '../../domain/alerts/alert-digest.ts';
import { getAlertDigest } from '../../use-cases/alerts/get-alert-digest.ts';
import { sendAlertDigests } from '../../use-cases/alerts/send-alert-digests.ts';
import { subscribeAlertDigest } from '../../use-cases/alerts/subscribe-alert-digest.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';

const alerts: CommandModule = (program: Command) => {
  const group = program.command('alerts').description('Cảnh báo: bản tóm tắt và người nhận / alerts: digest and subscribers');
  group
    .command('digest')
    .description('In bản tóm tắt cảnh báo của một đơn vị (và cấp dưới); --send gửi cho người nhận / print a unit\'s alert digest; --send mails it to subscribers')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .option('--send', 'gửi ngay cho người nhận đã đăng ký / send now to the subscribers')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ unit: string; send?: boolean; json?: boolean }>(command);
      await withAppContext(options, async (ctx) => {
        // The operator reads everything, classified alerts included; what is mailed never includes them.
        const digest = await getAlertDigest(ctx, options.unit, { includeClassified: true });
        const sent = options.send ? await sendAlertDigests(ctx, { slot: ctx.now(), unit: options.unit, always: true }) : null;
        if (options.json) {
          printJson({ digest, ...(sent ? { sent } : {}) });
          return;
        }
        process.stdout.write(digestText(digest).text);
        for (const r of sent ?? []) {
          console.log(`\nĐã xếp hàng gửi cho ${r.recipients} người nhận (máy chủ đang chạy gửi thư trong ít giây) / queued for ${r.recipients} subscribers.`);
        }
      });
    });
  group
    .command('subscribe')
    .description('Đăng ký (hoặc --remove: hủy) nhận bản tóm tắt cảnh báo của một đơn vị qua e-mail / subscribe an address to a unit\'s digest')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .requiredOption('--email <address>', 'địa chỉ e-mail / e-mail address')
    .option('--remove', 'hủy đăng ký / unsubscribe')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ unit: string; email: string; remove?: boolean }>(command);
      await withAppContext(options, async (ctx) => {
        const r = await subscribeAlertDigest(ctx, { unit: options.unit, email: options.email, ...(options.remove ? { remove: true } : {}) }, cliActor());
        const what = options.remove ? (r.changed ? 'Đã hủy đăng ký' : 'Địa chỉ này chưa đăng ký') : (r.changed ? 'Đã đăng ký' : 'Địa chỉ này đã đăng ký từ trước');
        console.log(`${what}: ${r.email} — ${r.unitName}`);
      });
    });
};

export default alerts;
