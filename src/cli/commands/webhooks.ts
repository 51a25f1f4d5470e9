import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import type { WebhookRecord } from '../../repositories/notifications.repository.ts';
import { deleteWebhook } from '../../use-cases/notifications/delete-webhook.ts';
import { listWebhooks } from '../../use-cases/notifications/list-webhooks.ts';
import { rotateWebhookSecret } from '../../use-cases/notifications/rotate-webhook-secret.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

/** Registration stays `theodoi notify webhook-add`; this group manages what is registered. */
const webhooks: CommandModule = (program: Command) => {
  const group = program.command('webhooks').description(cliText('cli.webhooks.list_rotate_and_delete_webhooks'));

  group
    .command('list')
    .description(cliText('cli.webhooks.list_webhooks_never_their_secrets'))
    .option('--unit <code>', cliText('cli.webhooks.only_unit_s_subtree'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ unit?: string; json?: boolean }>(command);
      const found = await withAppContext(o, (ctx) => listWebhooks(ctx, o.unit ? [o.unit] : null));
      if (o.json) return printJson(found.map(webhookJson));
      if (found.length === 0) return console.log(cliText('cli.webhooks.no_webhooks'));
      for (const h of found) {
        console.log(`#${h.id}\t${h.url}\t${h.unitCode ?? cliText('cli.webhooks.all_units')}\t${h.events.join(',') || '*'}\t${h.secretHint ?? cliText('cli.webhooks.not_yet_encrypted')}\t${h.active ? 'active' : 'inactive'}`);
      }
    });

  group
    .command('rotate')
    .description(cliText('cli.webhooks.new_signing_secret_shown_once'))
    .argument('<id>', 'webhook id')
    .option('--json', 'machine-readable output: {"id", "secret", "secretHint"}')
    .action(async (idText: string, _opts, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const id = webhookId(idText);
      const rotated = await withAppContext(o, (ctx) => rotateWebhookSecret(ctx, id, cliActor()));
      if (o.json) return printJson(rotated);
      console.log(rotated.secret);
      console.error(cliText('cli.webhooks.shown_once_give_to_receiver', { id: String(id) }));
    });

  group
    .command('delete')
    .description(cliText('cli.webhooks.delete_no_further_deliveries_secret'))
    .argument('<id>', 'webhook id')
    .option('--json', 'machine-readable output')
    .action(async (idText: string, _opts, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const id = webhookId(idText);
      const deleted = await withAppContext(o, (ctx) => deleteWebhook(ctx, id, cliActor()));
      if (o.json) printJson(deleted);
      else console.log(cliText('cli.webhooks.deleted_webhook', { id: String(id) }));
    });
};

function webhookId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new InputError(message('cli.tokens.invalid_id'), [{ field: 'id', message: `"${text}" is not a webhook id` }]);
  return id;
}

function webhookJson(h: WebhookRecord) {
  return {
    id: h.id, url: h.url, unit: h.unitCode, events: h.events, active: h.active, secretHint: h.secretHint,
    createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt?.toISOString() ?? null,
  };
}

export default webhooks;
