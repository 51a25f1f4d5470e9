import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { message } from '../../domain/messages/message.ts';
import { isDigestSubscribed } from '../../repositories/alert-digests.repository.ts';
import { findUnitByCode } from '../../repositories/reporting.repository.ts';
import { findUserById } from '../../repositories/users.repository.ts';
import { subscribeAlertDigest } from './subscribe-alert-digest.ts';

export interface OwnDigestSubscription {
  unit: string;
  unitName: string;
  /** The account's own address, the only one a person may add or take away here. */
  email: string;
  subscribed: boolean;
}

/** The signed-in person's account address, or a clear refusal when the account has none. */
async function ownEmail(ctx: AppContext, userId: number): Promise<string> {
  const email = (await findUserById(ctx.db, userId))?.email?.trim().toLowerCase();
  if (!email) throw new InputError(message('alert.account_without_email'), [problem({ field: 'email' }, message('alert.account_without_email'))]);
  return email;
}

/**
 * Whether a person receives a unit's daily alert digest at their account's address. People manage
 * only their own address (who else receives it is an administrator's business, through the CLI);
 * the caller checks that they may read the unit.
 *
 * @example
 * await ownDigestSubscription(ctx, 12, 'HN_P_VINH_TUY') // → { unit: 'HN_P_VINH_TUY', unitName: 'Phường Vĩnh Tuy', email: 'a@b.vn', subscribed: false }
 */
export async function ownDigestSubscription(ctx: AppContext, userId: number, unitCode: string): Promise<OwnDigestSubscription> {
  const email = await ownEmail(ctx, userId);
  const unit = await findUnitByCode(ctx.db, unitCode);
  if (!unit) throw new NotFoundError(message('alert.unknown_unit', { unit: unitCode }));
  return { unit: unit.code, unitName: unit.name, email, subscribed: await isDigestSubscribed(ctx.db, { unitId: unit.id, email }) };
}

/** Subscribes or unsubscribes the person's own address (audited by subscribeAlertDigest); answers the state after. */
export async function setOwnDigestSubscription(ctx: AppContext, userId: number, unitCode: string, subscribed: boolean, actor: string): Promise<OwnDigestSubscription> {
  const email = await ownEmail(ctx, userId);
  const done = await subscribeAlertDigest(ctx, { unit: unitCode, email, remove: !subscribed }, actor);
  return { unit: done.unit, unitName: done.unitName, email: done.email, subscribed };
}
