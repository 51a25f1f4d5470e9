import type { AppContext } from '../../../app-context.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { FastifyRequest } from 'fastify';
import { findNotificationUnit, findWebhookUnit, listDeliveries } from '../../../repositories/notifications.repository.ts';
import { deleteWebhook } from '../../../use-cases/notifications/delete-webhook.ts';
import { listUnitInbox } from '../../../use-cases/notifications/list-inbox.ts';
import { listWebhooks } from '../../../use-cases/notifications/list-webhooks.ts';
import { rotateWebhookSecret } from '../../../use-cases/notifications/rotate-webhook-secret.ts';
import { markNotificationRead } from '../../../use-cases/notifications/mark-notification-read.ts';
import { subscribeWebhook } from '../../../use-cases/notifications/subscribe-webhook.ts';
import { accessRoots, requireAccess } from '../../auth/auth-plugin.ts';
import { httpProblem } from '../../problem.ts';
import type { RouteModule } from '../../route-module.ts';
import { deleteWebhookSchema, deliveriesSchema, inboxSchema, listWebhooksSchema, markReadSchema, rotateWebhookSchema, subscribeSchema } from './schema.ts';
import { message } from '../../../domain/messages/message.ts';

/**
 * The right to manage a webhook, the same as to register it: administer over its unit, or system
 * admin for a city-wide one.
 */
async function requireWebhookAdmin(request: FastifyRequest, unitCode: string | null): Promise<void> {
  if (unitCode) return requireAccess(request, 'administer', unitCode);
  if (accessRoots(request, 'administer') !== null) throw httpProblem(403, 'Forbidden', message('auth.global_webhook_needs_system_admin'));
}

/** The unit of webhook `id` once the caller may manage it; 404 when there is no such webhook. */
async function webhookToManage(request: FastifyRequest, ctx: AppContext, id: number): Promise<void> {
  const hook = await findWebhookUnit(ctx.db, id);
  if (!hook) throw new NotFoundError(message('notification.webhook_not_found', { id: String(id) }));
  await requireWebhookAdmin(request, hook.unitCode);
}

const notifications: RouteModule = (app, ctx) => {
  app.get('/api/v1/notifications', { schema: inboxSchema }, async (request) => {
    await requireAccess(request, 'read', request.query.unit);
    const items = await listUnitInbox(ctx, request.query.unit, { unreadOnly: request.query.unread ?? false, limit: request.query.limit ?? 100 });
    return { notifications: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })) };
  });

  app.post('/api/v1/notifications/:id/read', { schema: markReadSchema }, async (request) => {
    const unit = await findNotificationUnit(ctx.db, request.params.id);
    if (!unit) throw new NotFoundError(message('notification.notification_not_found', { id: String(request.params.id) }));
    await requireAccess(request, 'read', unit);
    return { updated: await markNotificationRead(ctx, request.params.id) };
  });

  app.get('/api/v1/notifications/:id/deliveries', { schema: deliveriesSchema }, async (request) => {
    const unit = await findNotificationUnit(ctx.db, request.params.id);
    if (!unit) throw new NotFoundError(message('notification.notification_not_found', { id: String(request.params.id) }));
    await requireAccess(request, 'administer', unit);
    const rows = await listDeliveries(ctx.db, { notificationId: request.params.id });
    return { deliveries: rows.map((d) => ({ ...d, deliveredAt: d.deliveredAt?.toISOString() ?? null })) };
  });

  app.post('/api/v1/webhooks', { schema: subscribeSchema }, async (request, reply) => {
    await requireWebhookAdmin(request, request.body.unit ?? null);
    const created = await subscribeWebhook(ctx, { url: request.body.url, events: request.body.events ?? [], unit: request.body.unit ?? null }, request.principal.actor);
    return reply.status(201).send(created);
  });

  app.get('/api/v1/webhooks', { schema: listWebhooksSchema }, async (request) => {
    let roots: string[] | null;
    if (request.query.unit) {
      await requireAccess(request, 'administer', request.query.unit);
      roots = [request.query.unit];
    } else roots = accessRoots(request, 'administer');
    const hooks = await listWebhooks(ctx, roots);
    return {
      webhooks: hooks.map((h) => ({
        id: h.id, url: h.url, unit: h.unitCode, events: h.events, active: h.active, secretHint: h.secretHint,
        createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt?.toISOString() ?? null,
      })),
    };
  });

  app.post('/api/v1/webhooks/:id/rotate', { schema: rotateWebhookSchema }, async (request) => {
    await webhookToManage(request, ctx, request.params.id);
    return rotateWebhookSecret(ctx, request.params.id, request.principal.actor);
  });

  app.delete('/api/v1/webhooks/:id', { schema: deleteWebhookSchema }, async (request) => {
    await webhookToManage(request, ctx, request.params.id);
    return deleteWebhook(ctx, request.params.id, request.principal.actor);
  });
};

export default notifications;
