import type { AppContext } from '../../app-context.ts';
import { listPlans } from '../../repositories/plans.repository.ts';

export interface PublicPlanSummary {
  id: number;
  code: string | null;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  ownerUnitCode: string | null;
  publishedVersionNo: number;
}

/**
 * The plans anyone may read: those with a published version (drafts stay with their authors).
 *
 * @example
 * (await listPublicPlans(ctx)).map((p) => `${p.code} v${p.publishedVersionNo}`) // ['12/KH-UBND v1']
 */
export async function listPublicPlans(ctx: AppContext): Promise<PublicPlanSummary[]> {
  return (await listPlans(ctx.db)).flatMap((p) => (p.publishedVersionNo === null ? [] : [{
    id: p.id, code: p.code, title: p.title, issuer: p.issuer, issuedOn: p.issuedOn, ownerUnitCode: p.ownerUnitCode, publishedVersionNo: p.publishedVersionNo,
  }]));
}
