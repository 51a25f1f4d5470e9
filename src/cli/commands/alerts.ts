import type { Command } from 'commander';
import { cliText } from '../cli-text.ts';
import { digestText } from '../../domain/alerts/alert-digest.ts';
import { cliLang } from '../../domain/messages/message.ts';
import { getAlertDigest } from '../../use-cases/alerts/get-alert-digest.ts';
import { sendAlertDigests } from '../../use-cases/alerts/send-alert-digests.ts';
import { subscribeAlertDigest } from '../../use-cases/alerts/subscribe-alert-digest.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';

const alerts: CommandModule = (program: Command) => {
  const group = program.command('alerts').description(cliText('cli.alerts.alerts_digest_and_subscribers'));
  group
    .command('digest')
    .description(cliText('cli.alerts.print_a_unit_s_alert_digest'))
    .requiredOption('--unit <code>', cliText('cli.alerts.unit_code'))
    .option('--send', cliText('cli.alerts.send_now_to_the_subscribers'))
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
        process.stdout.write(digestText(digest, cliLang()).text);
        for (const r of sent ?? []) {
          console.log(`\n${cliText('cli.alerts.queued_for_subscribers', { count: r.recipients })}`);
        }
      });
    });
  group
    .command('subscribe')
    .description(cliText('cli.alerts.subscribe_an_address_to_a_unit'))
    .requiredOption('--unit <code>', cliText('cli.alerts.unit_code'))
    .requiredOption('--email <address>', cliText('cli.alerts.e_mail_address'))
    .option('--remove', cliText('cli.alerts.unsubscribe'))
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
