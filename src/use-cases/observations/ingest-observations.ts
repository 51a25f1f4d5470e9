import type { AppContext } from '../../app-context.ts';
import { can, type AccessPrincipal } from '../../domain/access/authorize.ts';
import { ConflictError, ForbiddenError, InputError, problem } from '../../domain/errors.ts';
import {
  codesIn,
  MAX_BATCH_ROWS,
  sameValue,
  validateObservations,
  type Origin,
  type ValidObservation,
} from '../../domain/observations/observation-input.ts';
import { requestHash } from '../../domain/observations/request-hash.ts';
import { publishObservationChanges, type ObservationChange } from '../../realtime/change-feed.ts';
import { readCurrentValues, type CurrentValue } from '../../repositories/current-values.repository.ts';
import { findIndicatorsByCodes } from '../../repositories/indicators.repository.ts';
import {
  cellKey,
  findBatchByKey,
  findUnitIdsByCodes,
  insertBatch,
  insertVersions,
  lockCells,
  lockIdempotencyKey,
  unitAncestry,
  type NewVersion,
} from '../../repositories/observations.repository.ts';
import { digestObservationBatch } from '../audit/digest-observation-batch.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { classifiedVisibilityAt } from './list-observations.ts';
import { message } from '../../domain/messages/message.ts';

/** Who writes: provenance for every version, and (for people and tokens) the principal whose scope applies. */
export interface ObservationWriter {
  actor: string;
  origin: Origin;
  /** Null for trusted local writers (the CLI operator, a configured connector): no unit scope applies. */
  principal: AccessPrincipal | null;
}

export interface IngestRequest {
  /** The source system ("dvc", "ihanoi", "connector:hanoiwork"…), kept on every version. */
  source: unknown;
  observations: unknown;
  idempotencyKey?: string | null | undefined;
  dryRun?: boolean | undefined;
  /** Reports progress (rows stored so far, of all) while a large batch is written. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** What a batch did: new cells, new versions of existing cells, and rows repeating the current value. */
export interface IngestSummary {
  imported: number;
  updated: number;
  unchanged: number;
  dryRun?: true;
}

export interface IngestResult {
  summary: IngestSummary;
  /** True when this answer is the stored answer to an earlier request with the same key. */
  replayed: boolean;
  /** Cells that got a new version. */
  changes: ObservationChange[];
}

const PROGRESS_CHUNK = 1_000;

/**
 * Stores a batch of observations atomically. Every row is validated first and all conflicts are
 * reported together (InputError with `index` and `field`, nothing stored). A row repeating a cell's
 * current value stores nothing; any other row becomes the next version of its cell, allocated under a
 * per-cell lock so that concurrent writers never lose a version. With an idempotency key, the batch
 * record and the versions commit in one transaction: a retry gets the first answer, a different body
 * under the same key is a ConflictError, and a crash leaves no trace to confuse the retry.
 *
 * @example
 * await ingestObservations(ctx, { actor: 'token:3', origin: 'system', principal },
 *   { source: 'dvc', observations: [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-03', value: 92.5 }],
 *     idempotencyKey: 'dvc-2026-03-run-1' });
 * // → { summary: { imported: 1, updated: 0, unchanged: 0 }, replayed: false, changes: [...] }
 */
export async function ingestObservations(ctx: AppContext, writer: ObservationWriter, request: IngestRequest): Promise<IngestResult> {
  const source = typeof request.source === 'string' ? request.source.normalize('NFC').trim() : '';
  const problems = [];
  if (!source || source.length > 200) problems.push(problem({ field: 'source' }, message('observation.source_required_characters')));
  if (!Array.isArray(request.observations)) problems.push(problem({ field: 'observations' }, message('observation.must_array')));
  else if (request.observations.length === 0) problems.push(problem({ field: 'observations' }, message('observation.batch_empty')));
  else if (request.observations.length > MAX_BATCH_ROWS) problems.push(problem({ field: 'observations' }, message('observation.at_most_rows_per_batch', { MAX_BATCH_ROWS })));
  if (problems.length) throw new InputError(message('observation.invalid_batch'), problems);
  const rows = request.observations as unknown[];
  const key = request.idempotencyKey ?? null;
  const hash = requestHash({ source, observations: rows });

  // A retry of a stored batch is answered before any validation work.
  if (key !== null && !request.dryRun) {
    const previous = await findBatchByKey(ctx.db, key);
    if (previous) return replay(previous.requestHash, hash, previous.response);
  }

  const codes = codesIn(rows);
  const [indicators, units] = await Promise.all([findIndicatorsByCodes(ctx.db, codes.indicators), findUnitIdsByCodes(ctx.db, codes.units)]);
  const known = writer.principal ? await withoutHiddenClassified(ctx, writer.principal, rows, indicators) : indicators;
  const { valid, conflicts } = validateObservations(rows, { indicators: known, units }, { requireEvidence: writer.origin === 'manual' });
  if (conflicts.length) throw new InputError(message('observation.batch_has_invalid_rows_nothing'), conflicts);

  if (writer.principal) await assertMayWrite(ctx, writer.principal, valid);

  if (request.dryRun) {
    const current = await currentVersions(ctx.db, valid);
    const { summary } = planVersions(valid, current);
    return { summary: { ...summary, dryRun: true }, replayed: false, changes: [] };
  }

  const outcome = await ctx.db.transaction().execute(async (trx) => {
    if (key !== null) {
      await lockIdempotencyKey(trx, key);
      const previous = await findBatchByKey(trx, key);
      if (previous) return replay(previous.requestHash, hash, previous.response);
    }
    await lockCells(trx, valid.map(cellOf));
    const current = await currentVersions(trx, valid);
    const { summary, versions } = planVersions(valid, current);
    const recordedAt = ctx.now();
    const batchId = await insertBatch(trx, { idempotencyKey: key, requestHash: hash, source, actor: writer.actor, response: summary });
    for (let i = 0; i < versions.length; i += PROGRESS_CHUNK) {
      await insertVersions(trx, versions.slice(i, i + PROGRESS_CHUNK), { origin: writer.origin, source, actor: writer.actor, batchId, recordedAt });
      request.onProgress?.(Math.min(i + PROGRESS_CHUNK, versions.length), versions.length);
    }
    // Read back from what was stored, so that `audit verify` can later recompute it from the same rows
    // and tell a direct SQL edit of one of them; later corrections are new versions and leave these be.
    const rowsDigest = await digestObservationBatch(trx, batchId);
    // Last, so the global audit-chain lock is held only for the end of the transaction.
    await recordAudit(trx, {
      actor: writer.actor,
      action: 'ingest',
      entity: 'observation_batch',
      entityId: batchId,
      before: null,
      after: { source, origin: writer.origin, idempotencyKey: key, rows: rows.length, ...summary, rowsDigest },
      at: recordedAt,
    });
    return { summary, replayed: false, changes: uniqueChanges(versions) } satisfies IngestResult;
  });
  if (outcome.changes.length) await publishObservationChanges(ctx.db, outcome.changes);
  return outcome;
}

/**
 * The indicators as a writer may know them: a classified one is absent, and its rows get the same
 * "unknown indicator" answer as a code that does not exist, unless the writer may see classified
 * items at every unit the batch writes it for. Otherwise a dry run would tell anyone whether a
 * classified code exists.
 */
async function withoutHiddenClassified<T extends { classified: boolean }>(ctx: AppContext, principal: AccessPrincipal, rows: readonly unknown[], indicators: Map<string, T>): Promise<Map<string, T>> {
  const classified = [...indicators].filter(([, i]) => i.classified).map(([code]) => code);
  if (classified.length === 0) return indicators;
  const unitsOf = new Map<string, Set<string>>(classified.map((code) => [code, new Set<string>()]));
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const { indicator, unit } = row as { indicator?: unknown; unit?: unknown };
    if (typeof indicator === 'string' && typeof unit === 'string') unitsOf.get(indicator.normalize('NFC').trim())?.add(unit.normalize('NFC').trim());
  }
  const seesClassified = await classifiedVisibilityAt(ctx, principal, [...unitsOf.values()].flatMap((u) => [...u]));
  const visible = new Map(indicators);
  for (const [code, units] of unitsOf) {
    if ([...units].some((unit) => !seesClassified(unit))) visible.delete(code);
  }
  return visible;
}

function replay(storedHash: string, hash: string, response: unknown): IngestResult {
  if (storedHash !== hash) {
    throw new ConflictError(message('observation.idempotency_key_was_used_with'));
  }
  return { summary: response as IngestSummary, replayed: true, changes: [] };
}

/** The current version of each cell the rows write, keyed by `cellKey`; any period kind (a quarter's cell is versioned too). */
async function currentVersions(db: Parameters<typeof readCurrentValues>[0], rows: readonly ValidObservation[]): Promise<Map<string, CurrentValue>> {
  const cells = await readCurrentValues(db, { cells: rows.map(cellOf), periods: { kind: 'any' } });
  return new Map(cells.map((c) => [cellKey(c), c]));
}

function cellOf(row: ValidObservation) {
  return { indicatorId: row.indicatorId, unitId: row.unitId, period: row.period.code };
}

/**
 * Decides, in row order, which rows become versions: a row equal to its cell's latest value (stored or
 * earlier in the batch) is unchanged; otherwise it is the next version.
 */
function planVersions(rows: readonly ValidObservation[], stored: Map<string, { version: number; value: number | null; numerator: number | null; denominator: number | null }>) {
  const latest = new Map(stored);
  const versions: NewVersion[] = [];
  const summary = { imported: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const key = cellKey(cellOf(row));
    const before = latest.get(key);
    if (before && sameValue(before, row)) {
      summary.unchanged++;
      continue;
    }
    if (before) summary.updated++;
    else summary.imported++;
    const version = (before?.version ?? 0) + 1;
    versions.push({ row, version });
    latest.set(key, { version, value: row.value, numerator: row.numerator, denominator: row.denominator });
  }
  return { summary, versions };
}

async function assertMayWrite(ctx: AppContext, principal: AccessPrincipal, rows: readonly ValidObservation[]): Promise<void> {
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const ancestry = await unitAncestry(ctx.db, unitIds);
  const byCode = new Map([...ancestry.values()].map((chain) => [chain[0] as string, chain]));
  const inSubtree = (ancestor: string, unit: string) => byCode.get(unit)?.includes(ancestor) ?? false;
  const refused = [...new Set(rows.map((r) => r.unit))].filter((unit) => !can(principal, 'write', unit, inSubtree));
  if (refused.length) {
    throw new ForbiddenError(message('observation.not_allowed_to_write_for', { refused: refused.join(', ') }));
  }
}

function uniqueChanges(versions: readonly NewVersion[]): ObservationChange[] {
  const seen = new Map<string, ObservationChange>();
  for (const { row } of versions) seen.set(`${row.indicator}\u0000${row.unit}\u0000${row.period.code}`, { indicator: row.indicator, unit: row.unit, period: row.period.code });
  return [...seen.values()];
}
