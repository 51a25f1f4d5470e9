import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import type { WebhookRecord } from '../../repositories/notifications.repository.ts';
import { deleteWebhook } from '../../use-cases/notifications/delete-webhook.ts';
import { listWebhooks } from '../../use-cases/notifications/list-webhooks.ts';
import { rotateWebhookSecret } from '../../use-cases/notifications/rotate-webhook-secret.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';

/** Registration stays `theodoi notify webhook-add`; this group manages what is registered. */
const webhooks: CommandModule = (program: Command) => {
  const group = program.command('webhooks').description('Quản lý webhook: liệt kê, đổi khóa ký, xóa / list, rotate and delete webhooks');

  group
    .command('list')
    .description('Liệt kê webhook (không bao giờ hiện khóa ký) / list webhooks (never their secrets)')
    .option('--unit <code>', 'chỉ webhook của cây đơn vị này / only this unit\'s subtree')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ unit?: string; json?: boolean }>(command);
      const found = await withAppContext(o, (ctx) => listWebhooks(ctx, o.unit ? [o.unit] : null));
      if (o.json) return printJson(found.map(webhookJson));
      if (found.length === 0) return console.log('Chưa có webhook / no webhooks');
      for (const h of found) {
        console.log(`#${h.id}\t${h.url}\t${h.unitCode ?? '(toàn hệ thống / all units)'}\t${h.events.join(',') || '*'}\t${h.secretHint ?? '(chưa mã hóa / not yet encrypted)'}\t${h.active ? 'active' : 'inactive'}`);
      }
    });

  group
    .command('rotate')
    .description('Đổi khóa ký; khóa mới chỉ hiện một lần, khóa cũ hết hiệu lực ngay / new signing secret, shown once; the old one stops working at once')
    .argument('<id>', 'webhook id')
    .option('--json', 'machine-readable output: {"id", "secret", "secretHint"}')
    .action(async (idText: string, _opts, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const id = webhookId(idText);
      const rotated = await withAppContext(o, (ctx) => rotateWebhookSecret(ctx, id, cliActor()));
      if (o.json) return printJson(rotated);
      console.log(rotated.secret);
      console.error(`Khóa ký mới của webhook #${id} chỉ hiện một lần này — hãy giao cho bên nhận ngay / shown once: give it to the receiver now.`);
    });

  group
    .command('delete')
    .description('Xóa webhook: ngừng gửi (kể cả lượt đang chờ), xóa khóa ký / delete: no further deliveries, secret erased')
    .argument('<id>', 'webhook id')
    .option('--json', 'machine-readable output')
    .action(async (idText: string, _opts, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      const id = webhookId(idText);
      const deleted = await withAppContext(o, (ctx) => deleteWebhook(ctx, id, cliActor()));
      if (o.json) printJson(deleted);
      else console.log(`Đã xóa webhook / deleted webhook #${id}`);
    });
};

function webhookId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new InputError('Mã số không hợp lệ / invalid id', [{ field: 'id', message: `"${text}" is not a webhook id` }]);
  return id;
}

function webhookJson(h: WebhookRecord) {
  return {
    id: h.id, url: h.url, unit: h.unitCode, events: h.events, active: h.active, secretHint: h.secretHint,
    createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt?.toISOString() ?? null,
  };
}

export default webhooks;
