import type { AppContext } from '../../app-context.ts';
import type { RegistryUnit, UnitKind } from '../../domain/units/unit.ts';
import { insertIndicator } from '../../repositories/indicators.repository.ts';
import { insertTargets, rootUnit, targetsByCodes, unitsByCodes, type NewTarget } from '../../repositories/targets.repository.ts';
import type { SimCity } from '../../simulator/generate-city.ts';
import { ingestObservations } from '../observations/ingest-observations.ts';
import { importRegistryUnits } from '../units/import-units.ts';
import { seedBuiltInRegistry } from '../units/seed-built-in-registry.ts';

export interface DemoLoadSummary {
  units: number;
  indicators: number;
  targets: number;
  observations: number;
}

/**
 * Stores a simulated city: its units (when the registry lacks them), the demo indicators, one
 * target per unit and indicator plus a city roll-up target per ward indicator, and every report
 * that had arrived by the city's cut-off — through the normal ingest path, so provenance, audit
 * and the change feed see them like any other batch. Loading the same city twice adds nothing.
 *
 * @example
 * await loadDemo(ctx, await generateDemo(ctx, { seed: 1, cutoff: '2026-11-22' }));
 */
export async function loadDemo(ctx: AppContext, city: SimCity): Promise<DemoLoadSummary> {
  await seedBuiltInRegistry(ctx);
  const known = await unitsByCodes(ctx.db, city.units.map((u) => u.code));
  const missing = city.units.filter((u) => !known.has(u.code));
  if (missing.length) await importRegistryUnits(ctx, missing.map(toRegistryUnit));

  const indicators = new Map<string, { id: number; measure: string; name: string }>();
  await ctx.db.transaction().execute(async (trx) => {
    for (const ind of city.indicators) {
      const stored = await insertIndicator(trx, {
        code: ind.code, name: ind.name, measure: ind.measure, direction: ind.direction, aggregation: ind.aggregation,
        numerator: null, denominator: null, frequency: ind.frequency, sourceSystem: ind.sourceSystem, classified: false,
      });
      indicators.set(ind.code, { id: stored.id, measure: stored.measure, name: stored.name });
    }
  });

  const units = await unitsByCodes(ctx.db, city.units.map((u) => u.code));
  const root = await rootUnit(ctx.db);
  const planned: NewTarget[] = [];
  const unitNames = new Map(city.units.map((u) => [u.code, u.name]));
  const opText = (op: string) => ({ '>=': '≥', '<=': '≤' })[op] ?? op;
  for (const t of city.targets) {
    const ind = indicators.get(t.indicator)!;
    const unit = units.get(t.unit);
    if (!unit) continue;
    planned.push({
      code: t.code, indicatorId: ind.id, text: `${ind.name} — ${unitNames.get(t.unit) ?? t.unit} ${opText(t.op)} ${t.value}%`, measure: ind.measure, op: t.op, value: t.value,
      baseline: t.baseline, scopeUnitId: unit.id, scopeKind: 'unit', startOn: t.start, dueOn: t.due, dueRaw: t.due, sourceLine: null,
    });
  }
  // The city-wide targets, computed by rolling the wards' figures up the tree.
  if (root) {
    for (const ind of city.indicators.filter((i) => i.reportedBy !== 'agency')) {
      const stored = indicators.get(ind.code)!;
      planned.push({
        code: `${ind.code.replace(/^DEMO_/, '')}.${root.code}.2026`, indicatorId: stored.id, text: `${ind.name} — toàn thành phố ${opText(ind.op)} ${ind.goal}%`,
        measure: ind.measure, op: ind.op, value: ind.goal, baseline: null, scopeUnitId: root.id, scopeKind: 'set:commune',
        startOn: '2026-01-01', dueOn: '2026-12-31', dueRaw: '2026-12-31', sourceLine: null,
      });
    }
  }
  const fresh = await ctx.db.transaction().execute(async (trx) => {
    const existing = await targetsByCodes(trx, planned.map((p) => p.code));
    const toInsert = planned.filter((p) => !existing.has(p.code));
    await insertTargets(trx, toInsert);
    return toInsert.length;
  });

  const rows = city.observations
    .filter((o) => units.has(o.unit))
    .map((o) => ({ indicator: o.indicator, unit: o.unit, period: o.period, value: o.value }));
  let stored = 0;
  const chunk = 20_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const result = await ingestObservations(ctx, { actor: 'system:demo', origin: 'import', principal: null }, {
      source: 'demo-simulator', observations: rows.slice(i, i + chunk), idempotencyKey: `demo-${city.seed}-${city.observations.length}-${i}`,
    });
    stored += result.summary.imported + result.summary.updated;
  }
  return { units: missing.length, indicators: indicators.size, targets: fresh, observations: stored };
}

function toRegistryUnit(u: SimCity['units'][number]): RegistryUnit {
  const kind: UnitKind = u.kind === 'province' ? 'other' : u.kind;
  return { code: u.code, name: u.name, kind, parent: u.parent, aliases: [], validFrom: null, validTo: null, successors: [] };
}
