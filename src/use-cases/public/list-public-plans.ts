import type { AppContext } from '../../app-context.ts';
import { listPlans, type PlanRow } from '../../repositories/plans.repository.ts';

/** A published plan as the public list shows it. */
export type PublicPlanSummary = Pick<PlanRow, 'id' | 'code' | 'title' | 'issuer' | 'issuedOn' | 'ownerUnitCode'> & { publishedVersionNo: number };

/**
 * The plans anyone may read: those with a published version (drafts stay with their authors) that
 * are not classified as a whole.
 *
 * @example
 * (await listPublicPlans(ctx)).map((p) => `${p.code} v${p.publishedVersionNo}`) // ['12/KH-UBND v1']
 */
export async function listPublicPlans(ctx: AppContext): Promise<PublicPlanSummary[]> {
  return (await listPlans(ctx.db)).flatMap((p) => (p.publishedVersionNo === null || p.classified ? [] : [{
    id: p.id, code: p.code, title: p.title, issuer: p.issuer, issuedOn: p.issuedOn, ownerUnitCode: p.ownerUnitCode, publishedVersionNo: p.publishedVersionNo,
  }]));
}
