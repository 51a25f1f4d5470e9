import type { AppContext } from '../../app-context.ts';
import type { AccessPrincipal } from '../../domain/access/authorize.ts';
import { ConflictError, ForbiddenError, InputError } from '../../domain/errors.ts';
import { parseIndicatorRecord } from '../../domain/indicators/indicator.ts';
import { findIndicatorByCode, insertIndicator, type StoredIndicator } from '../../repositories/indicators.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Defines one indicator (system administrators only: indicators are shared by every unit). An
 * existing code is a ConflictError — changing a definition goes through `indicators import`, which
 * audits the difference.
 *
 * @example
 * await createIndicator(ctx, admin, { code: 'DVC_TT', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%',
 *   direction: 'up', aggregation: 'ratio', numerator: 'trực tuyến', denominator: 'tổng' });
 */
export async function createIndicator(ctx: AppContext, principal: AccessPrincipal, body: Record<string, unknown>): Promise<StoredIndicator> {
  if (!principal.grants.some((g) => g.role === 'system_admin')) {
    throw new ForbiddenError(message('indicator.only_system_administrators_define_indicators'));
  }
  const { value, problems } = parseIndicatorRecord(body);
  if (!value) throw new InputError(message('indicator.invalid_indicator'), problems);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findIndicatorByCode(trx, value.code)) throw new ConflictError(message('indicator.indicator_already_exists', { valueCode: value.code }));
    const created = await insertIndicator(trx, value);
    await recordAudit(trx, { actor: principal.actor, action: 'create', entity: 'indicator', entityId: created.id, before: null, after: value, at: ctx.now() });
    return created;
  });
}
