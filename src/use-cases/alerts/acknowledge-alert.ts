import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { findAlertForAcknowledgement, insertAlertAcknowledgement, type AlertAcknowledgement } from '../../repositories/alerts.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export const MAX_ACK_NOTE = 2000;

/** The alert's unit and whether it is classified, for the caller's access check; 404 when there is no such alert. */
export async function alertForAcknowledgement(ctx: AppContext, alertId: number): Promise<{ unit: string | null; classified: boolean }> {
  const alert = await findAlertForAcknowledgement(ctx.db, alertId);
  if (!alert) throw new NotFoundError(message('alert.alert_not_found_again', { alertId: String(alertId) }));
  return { unit: alert.unit, classified: alert.classified };
}

/**
 * Records that someone who may act on an open alert's unit has seen it, with a note (what is being
 * done). The alert stays open — its condition still holds — and lists show it acknowledged; when it
 * is resolved and later raised again that is a new alert, not acknowledged. Audited. Who may act is
 * the caller's check (HTTP: the `write` right — reporter or above — over the alert's unit).
 *
 * @example
 * await acknowledgeAlert(ctx, 42, 'user:lan', 'Đã giao phòng VH-XH rà soát, báo cáo trước 15/9');
 * // → { actor: 'user:lan', at: '2026-09-01T…', note: 'Đã giao phòng VH-XH …' }
 */
export async function acknowledgeAlert(ctx: AppContext, alertId: number, actor: string, note: string | undefined): Promise<AlertAcknowledgement> {
  const text = (note ?? '').trim();
  if (text === '' || text.length > MAX_ACK_NOTE || text.includes('\u0000')) {
    throw new InputError(message('alert.invalid_note'), [problem({ field: 'note' }, message('alert.note_required_at_most_characters', { MAX_ACK_NOTE }))]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const alert = await findAlertForAcknowledgement(trx, alertId);
    if (!alert) throw new NotFoundError(message('alert.alert_not_found_again', { alertId: String(alertId) }));
    if (alert.resolvedAt) throw new ConflictError(message('alert.alert_already_resolved', { alertId: String(alertId) }));
    const at = ctx.now();
    const { id } = await insertAlertAcknowledgement(trx, { alertId, actor, note: text, at });
    await recordAudit(trx, { actor, action: 'acknowledge', entity: 'alert', entityId: alertId, before: null, after: { acknowledgement: id, note: text }, at });
    return { actor, at: at.toISOString(), note: text };
  });
}
