import type { AppContext } from '../../app-context.ts';
import type { AccessPrincipal } from '../../domain/access/authorize.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { findIndicatorByCode, type StoredIndicator } from '../../repositories/indicators.repository.ts';
import { seesClassifiedIndicators } from './list-indicators.ts';
import { message } from '../../domain/messages/message.ts';

/** One indicator by code; a classified one the principal may not see is "not found", not "forbidden". */
export async function getIndicator(ctx: AppContext, principal: AccessPrincipal | null, code: string): Promise<StoredIndicator> {
  const indicator = await findIndicatorByCode(ctx.db, code);
  if (!indicator || (indicator.classified && !seesClassifiedIndicators(principal))) {
    throw new NotFoundError(message('indicator.no_indicator', { code }));
  }
  return indicator;
}
