import type { AppContext } from '../../app-context.ts';
import { message } from '../../domain/messages/message.ts';
import { InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { deleteDigestSubscription, insertDigestSubscription } from '../../repositories/alert-digests.repository.ts';
import { findUnitByCode } from '../../repositories/reporting.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Adds (or with `remove`, takes away) an e-mail address to a unit's alert digest. Audited in the
 * transaction that writes it; adding an address already there, or removing one that is not, changes
 * nothing and says so.
 *
 * @example
 * await subscribeAlertDigest(ctx, { unit: 'HN_P_VINH_TUY', email: 'chutich@vinhtuy.gov.vn' }, 'cli:admin');
 * // → { unit: 'HN_P_VINH_TUY', unitName: 'Phường Vĩnh Tuy', email: 'chutich@vinhtuy.gov.vn', changed: true }
 */
export async function subscribeAlertDigest(
  ctx: AppContext,
  request: { unit: string; email: string; remove?: boolean },
  actor: string,
): Promise<{ unit: string; unitName: string; email: string; changed: boolean }> {
  const email = request.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) throw new InputError(message('alert.invalid_email'), [problem({ field: 'email' }, message('alert.not_an_email', { email: request.email }))]);
  const unit = await findUnitByCode(ctx.db, request.unit);
  if (!unit) throw new NotFoundError(message('alert.unknown_unit', { unit: request.unit }));
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now();
    if (request.remove) {
      const id = await deleteDigestSubscription(trx, { unitId: unit.id, email });
      if (id === null) return false;
      await recordAudit(trx, { actor, action: 'unsubscribe', entity: 'alert_digest_subscription', entityId: id, before: { unit: unit.code, email }, after: null, at });
      return true;
    }
    const row = await insertDigestSubscription(trx, { unitId: unit.id, email, actor });
    if (!row) return false;
    await recordAudit(trx, { actor, action: 'subscribe', entity: 'alert_digest_subscription', entityId: row.id, before: null, after: { unit: unit.code, email }, at });
    return true;
  });
  return { unit: unit.code, unitName: unit.name, email, changed };
}
