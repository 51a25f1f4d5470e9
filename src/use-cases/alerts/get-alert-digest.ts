import type { AppContext } from '../../app-context.ts';
import { message } from '../../domain/messages/message.ts';
import { buildAlertDigest, type AlertDigest } from '../../domain/alerts/alert-digest.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { lastDigestAt } from '../../repositories/alert-digests.repository.ts';
import { findUnitByCode } from '../../repositories/reporting.repository.ts';
import type { AlertVisibility } from './browse-alerts.ts';
import { listAlerts } from './list-alerts.ts';

/**
 * A unit's alert digest as of now (`domain/alerts/alert-digest.ts`): the open, unacknowledged alerts of
 * its subtree, "new" meaning raised after the unit's last digest went out. `visibility` cuts it to what
 * a reader may see (the HTTP layer's `readVisibility`); without it, classified alerts are left out
 * unless `includeClassified` — an e-mail address holds no right to classified items.
 *
 * @example
 * await getAlertDigest(ctx, 'HN_P_VINH_TUY');
 * // → { unitName: 'Phường Vĩnh Tuy', total: 7, newCount: 2, severities: [...] }
 */
export async function getAlertDigest(
  ctx: AppContext,
  unitCode: string,
  options: { visibility?: AlertVisibility; includeClassified?: boolean } = {},
): Promise<AlertDigest> {
  const unit = await findUnitByCode(ctx.db, unitCode);
  if (!unit) throw new NotFoundError(message('alert.unknown_unit', { unit: unitCode }));
  const found = await listAlerts(ctx, { unit: unitCode, open: true, acknowledged: false });
  const readable = options.visibility
    ? await options.visibility([...new Set(found.map((a) => a.unit))])
    : (_unit: string | null, classified: boolean) => !classified || options.includeClassified === true;
  const visible = found.filter((a) => readable(a.unit, a.classified));
  const since = await lastDigestAt(ctx.db, unit.id);
  return buildAlertDigest({ code: unit.code, name: unit.name }, visible, {
    asOf: ctx.now().toISOString().slice(0, 10),
    since: since ? since.toISOString() : null,
  });
}
