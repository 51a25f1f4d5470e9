import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ValidObservation } from '../../domain/observations/observation-input.ts';
import { periodOfDate } from '../../domain/periods/period.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import type { ObservationChange } from '../../realtime/change-feed.ts';
import { readCurrentValues } from '../../repositories/current-values.repository.ts';
import { findIndicatorByCode, insertIndicator } from '../../repositories/indicators.repository.ts';
import { cellKey, insertBatch, insertVersions, lockCells, type NewVersion } from '../../repositories/observations.repository.ts';
import { measureTargetBy, targetsForManualFigures } from '../../repositories/targets.repository.ts';
import { findUnitsByIds } from '../../repositories/reporting.repository.ts';
import { digestObservationBatch } from '../audit/digest-observation-batch.ts';
import { recordAudit } from '../audit/record-audit.ts';

/** The indicator a target no system measures gets, so its typed figures are data like any other. */
export const manualIndicatorCode = (targetCode: string) => `TUKHAI.${targetCode}`;

export interface RecordedManualFigure {
  target: string;
  indicator: string;
  unit: string;
  period: string;
  value: number;
  observationId: number;
}

/**
 * Makes the figures a unit typed in its report ("số liệu tự khai") the targets' current values, when
 * the report is approved (before that they are pending: only the report shows them). Each becomes a
 * version of the cell (indicator, unit, month) with origin "manual", the reporter as actor, the report
 * as source and its evidence (a link as the evidence URL, anything else as the note), so evaluation,
 * alerts and the overview read it through the one path they read every value by, flagged as manual.
 * A target without an indicator first gets its own target-scoped manual indicator
 * (`TUKHAI.<target code>`), measured on the target's unit or, when the plan names none, on the
 * reporting unit. The figure is the value at the end of the report's period (a quarterly report's
 * figure is its last month's). Runs inside the approval's transaction; returns the cells to announce.
 */
export async function recordManualFigures(
  trx: Kysely<Database>,
  input: { submissionId: number; content: ReportContent; unitId: number; approver: string; at: Date },
): Promise<{ content: ReportContent; recorded: RecordedManualFigure[]; changes: ObservationChange[] }> {
  const lines = input.content.targets.filter((t) => t.manual && Number.isFinite(t.manual.value));
  if (lines.length === 0) return { content: input.content, recorded: [], changes: [] };
  const targets = await targetsForManualFigures(trx, lines.map((l) => l.targetId));
  const month = periodOfDate(input.content.period.end);
  const rows: (ValidObservation & { targetId: number; reporter: string })[] = [];
  for (const line of lines) {
    const target = targets.get(line.targetId);
    const manual = line.manual;
    if (!target || !manual) continue;
    const unitId = target.scopeUnitId ?? input.unitId;
    let indicator = target.indicatorId !== null && target.indicatorCode !== null ? { id: target.indicatorId, code: target.indicatorCode } : null;
    if (!indicator) {
      const code = manualIndicatorCode(target.code);
      const existing = await findIndicatorByCode(trx, code);
      const created = existing ?? await insertIndicator(trx, {
        code,
        name: `Số liệu tự khai: ${target.text}`.slice(0, 500),
        measure: target.measure ?? '',
        direction: target.op === '<=' || target.op === '<' ? 'down' : 'up',
        aggregation: 'last',
        numerator: null,
        denominator: null,
        frequency: 'monthly',
        sourceSystem: 'manual',
        classified: target.classified,
      });
      await measureTargetBy(trx, target.id, created.id, unitId);
      indicator = { id: created.id, code: created.code };
    }
    const evidence = manual.evidence.trim();
    const isLink = /^https?:\/\//i.test(evidence);
    rows.push({
      index: rows.length, targetId: target.id, reporter: manual.reporter,
      indicator: indicator.code, indicatorId: indicator.id, unit: '', unitId, period: month,
      value: manual.value, numerator: null, denominator: null,
      note: isLink ? (line.note.trim() || null) : evidence, evidenceUrl: isLink ? evidence : null, reason: `report:${input.submissionId}`,
    });
  }
  if (rows.length === 0) return { content: input.content, recorded: [], changes: [] };
  const units = await findUnitsByIds(trx, [...new Set(rows.map((r) => r.unitId))]);
  for (const r of rows) r.unit = units.get(r.unitId)?.code ?? '';

  const cells = rows.map((r) => ({ indicatorId: r.indicatorId, unitId: r.unitId, period: r.period.code }));
  await lockCells(trx, cells);
  const current = new Map((await readCurrentValues(trx, { cells, periods: { kind: 'any' } })).map((c) => [cellKey(c), c]));
  const source = `report:${input.submissionId}`;
  // One batch per reporter, so every version names who typed it (the approver is in the audit entry).
  const byReporter = new Map<string, typeof rows>();
  for (const r of rows) byReporter.set(r.reporter, [...(byReporter.get(r.reporter) ?? []), r]);
  for (const [reporter, mine] of byReporter) {
    const versions: NewVersion[] = mine.map((row) => ({ row, version: (current.get(cellKey({ indicatorId: row.indicatorId, unitId: row.unitId, period: row.period.code }))?.version ?? 0) + 1 }));
    const summary = { imported: versions.filter((v) => v.version === 1).length, updated: versions.filter((v) => v.version > 1).length, unchanged: 0 };
    const batchId = await insertBatch(trx, { idempotencyKey: null, requestHash: `${source}:${reporter}:${input.at.toISOString()}`, source, actor: reporter, response: summary });
    await insertVersions(trx, versions, { origin: 'manual', source, actor: reporter, batchId, recordedAt: input.at });
    await recordAudit(trx, {
      actor: input.approver, action: 'ingest', entity: 'observation_batch', entityId: batchId, before: null,
      after: { source, origin: 'manual', reporter, idempotencyKey: null, rows: versions.length, ...summary, rowsDigest: await digestObservationBatch(trx, batchId) },
      at: input.at,
    });
  }
  const stored = await readCurrentValues(trx, { cells, periods: { kind: 'any' }, provenance: true });
  const idOf = new Map(stored.map((c) => [cellKey(c), c.observationId]));
  const recorded: RecordedManualFigure[] = rows.map((r) => ({
    target: targets.get(r.targetId)?.code ?? '', indicator: r.indicator, unit: r.unit, period: r.period.code, value: r.value,
    observationId: idOf.get(cellKey({ indicatorId: r.indicatorId, unitId: r.unitId, period: r.period.code })) ?? 0,
  }));
  const content: ReportContent = {
    ...input.content,
    targets: input.content.targets.map((t) => {
      const row = rows.find((r) => r.targetId === t.targetId);
      if (!row || !t.manual) return t;
      return { ...t, manual: { ...t.manual, observationId: idOf.get(cellKey({ indicatorId: row.indicatorId, unitId: row.unitId, period: row.period.code })) ?? null } };
    }),
  };
  return { content, recorded, changes: rows.map((r) => ({ indicator: r.indicator, unit: r.unit, period: r.period.code })) };
}
