import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { PlanDraft } from '../../importers/draft.ts';
import { findVersion, versionDraft } from '../../repositories/plans.repository.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * A version's stored draft as the administrator reviews it before publishing: every extracted
 * target and task with the corrections and indicator links made so far, and the warnings.
 *
 * @example await getPlanDraft(ctx, 3, 1) // → { planId: 3, versionNo: 1, status: 'draft', draft: { targets: [...], … } }
 */
export async function getPlanDraft(ctx: AppContext, planId: number, versionNo: number): Promise<{ planId: number; versionNo: number; status: string; draft: PlanDraft }> {
  const version = await findVersion(ctx.db, planId, versionNo);
  if (!version) throw new NotFoundError(message('plan.no_such_version', { planId: String(planId), versionNo }));
  return { planId, versionNo, status: version.status, draft: await versionDraft(ctx.db, version.id) };
}
