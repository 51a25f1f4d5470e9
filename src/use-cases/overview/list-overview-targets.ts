import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import type { TargetStatus } from '../../domain/evaluation/evaluate-target.ts';
import { subjectNames } from '../../repositories/evaluation.repository.ts';
import { evaluateReadableTargets, type EvaluatedTarget, type ReadCheck } from '../evaluation/evaluate-targets.ts';
import { pillarsOfTargets } from './framework-pillars-of-targets.ts';
import { message } from '../../domain/messages/message.ts';

/** `pillar=none`: the targets no pillar of the framework claims (the overview's "ungrouped"). */
export const UNGROUPED = 'none';

export interface OverviewTargetQuery {
  unit: string;
  asOf?: string | undefined;
  statuses?: readonly TargetStatus[] | undefined;
  /** A pillar id of the framework, or `none`. */
  pillar?: string | undefined;
  framework?: string | undefined;
  /** Absent: every matching target (exports); the HTTP list always pages. */
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface OverviewTarget extends Omit<EvaluatedTarget, 'classified'> {
  unitName: string | null;
  pillar: { id: string; name: string } | null;
}

/**
 * The targets behind one of the overview's figures — a status tile, a pillar card — as the caller
 * may read them: the same evaluation and the same pillar placement as GET /overview, so a card that
 * says 32 opens a list of 32. Paged on the server; unit names instead of codes.
 *
 * @example
 * const page = await listOverviewTargets(ctx, { unit: 'HN', statuses: ['at_risk'], pillar: 'chinh_quyen_so', limit: 50 }, readable);
 * page.total // 40; page.targets.length // 40
 */
export async function listOverviewTargets(ctx: AppContext, query: OverviewTargetQuery, readable: ReadCheck): Promise<{ asOf: string; total: number; targets: OverviewTarget[] }> {
  const { asOf, targets } = await evaluateReadableTargets(ctx, { unit: query.unit, asOf: query.asOf }, readable);
  const placed = await pillarsOfTargets(ctx, targets, query.framework);
  if (query.pillar && query.pillar !== UNGROUPED && !placed.pillars.some((p) => p.id === query.pillar)) {
    throw new InputError(message('overview.unknown_pillar'), [problem({ field: 'pillar' }, message('overview.framework_has_no_such_group', { pillar: query.pillar }))]);
  }
  const statuses = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : null;
  const matching = targets.filter((t) => {
    if (statuses && !statuses.has(t.status)) return false;
    if (!query.pillar) return true;
    const pillar = placed.pillarOf(t.code);
    return query.pillar === UNGROUPED ? pillar === null : pillar?.id === query.pillar;
  });
  const offset = query.offset ?? 0;
  const page = matching.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
  const names = (await subjectNames(ctx.db, { targets: [], units: [...new Set(page.flatMap((t) => (t.unit ? [t.unit] : [])))], tasks: [], indicators: [] })).units;
  return {
    asOf,
    total: matching.length,
    targets: page.map(({ classified: _c, ...t }) => ({ ...t, unitName: t.unit ? names.get(t.unit) ?? null : null, pillar: placed.pillarOf(t.code) })),
  };
}
