import type { AppContext } from '../../app-context.ts';
import { toCsv } from '../../exports/csv.ts';
import type { AccessPrincipal } from '../../domain/access/authorize.ts';
import { listObservations } from '../../repositories/observations.repository.ts';
import { filterFor, visibleTo, type ObservationQuery } from './list-observations.ts';

export const EXPORT_COLUMNS = [
  'indicator', 'unit', 'period', 'period_start', 'period_end', 'version', 'current', 'value', 'numerator', 'denominator',
  'origin', 'source', 'actor', 'recorded_at', 'note', 'evidence_url', 'reason',
] as const;

const PAGE = 5_000;

/**
 * The full history (every version with provenance) as CSV text chunks, page by page so that a large
 * history never sits in memory at once. Scoped and filtered like `listObservationsFor`.
 *
 * @example
 * for await (const chunk of exportObservationsCsv(ctx, null, {})) out.write(chunk);
 */
export async function* exportObservationsCsv(ctx: AppContext, principal: AccessPrincipal | null, query: ObservationQuery = {}): AsyncGenerator<string> {
  const filter = { ...(await filterFor(ctx, principal, query)), history: true };
  yield toCsv([[...EXPORT_COLUMNS]]);
  let afterId = 0;
  for (;;) {
    const page = await listObservations(ctx.db, { ...filter, afterId, limit: PAGE });
    if (page.length === 0) return;
    afterId = page[page.length - 1]?.id ?? afterId;
    const rows = await visibleTo(ctx, principal, page);
    yield toCsv(
      rows.map((r) => [
        r.indicator, r.unit, r.period, r.periodStart, r.periodEnd, r.version, r.current, r.value, r.numerator, r.denominator,
        r.origin, r.source, r.actor, r.recordedAt.toISOString(), r.note, r.evidenceUrl, r.reason,
      ]),
      { cast: { boolean: (b) => (b ? 'true' : 'false') } },
    );
    if (page.length < PAGE) return;
  }
}
