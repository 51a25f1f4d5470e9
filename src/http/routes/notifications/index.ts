import { NotFoundError } from '../../../domain/errors.ts';
import { findNotificationUnit, listDeliveries } from '../../../repositories/notifications.repository.ts';
import { listUnitInbox } from '../../../use-cases/notifications/list-inbox.ts';
import { markNotificationRead } from '../../../use-cases/notifications/mark-notification-read.ts';
import { subscribeWebhook } from '../../../use-cases/notifications/subscribe-webhook.ts';
import { requireAccess } from '../../auth/auth-plugin.ts';
import { HttpProblem } from '../../problem.ts';
import type { RouteModule } from '../../route-module.ts';
import { deliveriesSchema, inboxSchema, markReadSchema, subscribeSchema } from './schema.ts';

const notifications: RouteModule = (app, ctx) => {
  app.get('/api/v1/notifications', { schema: inboxSchema }, async (request) => {
    await requireAccess(request, 'read', request.query.unit);
    const items = await listUnitInbox(ctx, request.query.unit, { unreadOnly: request.query.unread ?? false, limit: request.query.limit ?? 100 });
    return { notifications: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })) };
  });

  app.post('/api/v1/notifications/:id/read', { schema: markReadSchema }, async (request) => {
    const unit = await findNotificationUnit(ctx.db, request.params.id);
    if (!unit) throw new NotFoundError(`Không có thông báo ${request.params.id} / notification not found`);
    await requireAccess(request, 'read', unit);
    return { updated: await markNotificationRead(ctx, request.params.id) };
  });

  app.get('/api/v1/notifications/:id/deliveries', { schema: deliveriesSchema }, async (request) => {
    const unit = await findNotificationUnit(ctx.db, request.params.id);
    if (!unit) throw new NotFoundError(`Không có thông báo ${request.params.id} / notification not found`);
    await requireAccess(request, 'administer', unit);
    const rows = await listDeliveries(ctx.db, { notificationId: request.params.id });
    return { deliveries: rows.map((d) => ({ ...d, deliveredAt: d.deliveredAt?.toISOString() ?? null })) };
  });

  app.post('/api/v1/webhooks', { schema: subscribeSchema }, async (request, reply) => {
    if (request.body.unit) await requireAccess(request, 'administer', request.body.unit);
    else if (!request.principal.grants.some((g) => g.role === 'system_admin')) throw new HttpProblem(403, 'Forbidden', { detail: 'Webhook toàn hệ thống cần quyền quản trị hệ thống / a global webhook needs system admin' });
    const created = await subscribeWebhook(ctx, { url: request.body.url, events: request.body.events ?? [], unit: request.body.unit ?? null }, request.principal.actor);
    return reply.status(201).send(created);
  });
};

export default notifications;
