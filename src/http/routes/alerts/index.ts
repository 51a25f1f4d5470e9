import { ALERT_SEVERITIES, parseList } from '../../../domain/alerts/alert-groups.ts';
import { ALERT_KINDS } from '../../../domain/alerts/alert-rules.ts';
import { ForbiddenError, InputError, NotFoundError, problem } from '../../../domain/errors.ts';
import { langFromAcceptLanguage, message } from '../../../domain/messages/message.ts';
import { rootUnit } from '../../../repositories/targets.repository.ts';
import { acknowledgeAlert, alertForAcknowledgement } from '../../../use-cases/alerts/acknowledge-alert.ts';
import { browseAlerts } from '../../../use-cases/alerts/browse-alerts.ts';
import { getAlertDigest } from '../../../use-cases/alerts/get-alert-digest.ts';
import { digestText } from '../../../domain/alerts/alert-digest.ts';
import { refreshAlerts } from '../../../use-cases/alerts/refresh-alerts.ts';
import { nameActors } from '../../../use-cases/users/name-actors.ts';
import { readVisibility, requireAccess, requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { ownDigestSubscription, setOwnDigestSubscription } from '../../../use-cases/alerts/own-digest-subscription.ts';
import { acknowledgeAlertSchema, alertDigestSchema, listAlertsSchema, ownDigestSubscriptionSchema, refreshAlertsSchema, setOwnDigestSubscriptionSchema } from './schema.ts';

/** A comma-separated filter parameter, 422 naming it when a value is not one we know. */
function listParam<T extends string>(field: string, text: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (text === undefined) return undefined;
  const parsed = parseList(text, allowed);
  if ('invalid' in parsed) throw new InputError(message('alert.invalid_filter'), [problem({ field }, message('http.filter_value_not_one_of', { value: parsed.invalid, allowed: allowed.join(', ') }))]);
  return parsed.values;
}

const alerts: RouteModule = (app, ctx) => {
  app.get('/api/v1/alerts', { schema: listAlertsSchema }, async (request) => {
    const q = request.query;
    if (q.unit) await requireAccess(request, 'read', q.unit);
    const kinds = listParam('kind', q.kind, ALERT_KINDS);
    return browseAlerts(
      ctx,
      {
        unit: q.unit, open: q.open, acknowledged: q.acknowledged, groupBy: q.groupBy, limit: q.limit, offset: q.offset,
        lang: langFromAcceptLanguage(request.headers['accept-language']),
        severities: listParam('severity', q.severity, ALERT_SEVERITIES), kinds,
      },
      (units) => readVisibility(request, units),
    );
  });

  app.get('/api/v1/alerts/digest', { schema: alertDigestSchema }, async (request) => {
    const { unit } = request.query;
    await requireAccess(request, 'read', unit);
    const digest = await getAlertDigest(ctx, unit, { visibility: (units) => readVisibility(request, units) });
    return { ...digest, ...digestText(digest, langFromAcceptLanguage(request.headers['accept-language'])) };
  });

  // A person's own daily digest: whoever may read a unit may have its digest sent to themselves.
  const personOf = (request: Parameters<typeof requireAuthenticated>[0]): number => {
    requireAuthenticated(request);
    const { principal } = request;
    if (principal.kind !== 'user' || principal.userId === null) throw new ForbiddenError(message('alert.digest_for_people_only'));
    return principal.userId;
  };
  app.get('/api/v1/alerts/digest/subscription', { schema: ownDigestSubscriptionSchema }, async (request) => {
    const userId = personOf(request);
    await requireAccess(request, 'read', request.query.unit);
    return ownDigestSubscription(ctx, userId, request.query.unit);
  });
  app.put('/api/v1/alerts/digest/subscription', { schema: setOwnDigestSubscriptionSchema }, async (request) => {
    const userId = personOf(request);
    await requireAccess(request, 'read', request.body.unit);
    return setOwnDigestSubscription(ctx, userId, request.body.unit, request.body.subscribed, request.principal.actor);
  });

  // Acting on an alert is writing about its unit: reporters, approvers and administrators over that
  // unit may acknowledge it; viewers may not. A city-wide alert (no unit) needs the right over the root.
  app.post('/api/v1/alerts/:id/acknowledge', { schema: acknowledgeAlertSchema, attachValidation: true }, async (request) => {
    requireAuthenticated(request);
    // Only the body's faults are the note's (422, after the access check); a bad id is a bad request.
    if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
    const { id } = request.params;
    const alert = await alertForAcknowledgement(ctx, id);
    const unit = alert.unit ?? (await rootUnit(ctx.db))?.code ?? '';
    await requireAccess(request, 'write', unit);
    // A classified alert the caller may not read does not exist for them.
    if (!(await readVisibility(request, [alert.unit]))(alert.unit, alert.classified)) throw new NotFoundError(message('alert.alert_not_found', { id: String(id) }));
    if (request.validationError) {
      throw new InputError(message('alert.invalid_note'), [problem({ field: 'note' }, message('alert.note_of_characters_required'))]);
    }
    const acknowledged = await acknowledgeAlert(ctx, id, request.principal.actor, request.body.note);
    const namer = await nameActors(ctx.db, [acknowledged.actor], langFromAcceptLanguage(request.headers['accept-language']));
    return { id, acknowledged: { ...acknowledged, actorName: namer.name(acknowledged.actor) } };
  });

  app.post('/api/v1/alerts/refresh', { schema: refreshAlertsSchema }, async (request) => {
    const root = await rootUnit(ctx.db);
    await requireAccess(request, 'administer', root?.code ?? '');
    return refreshAlerts(ctx, { asOf: request.query.asOf });
  });
};

export default alerts;
