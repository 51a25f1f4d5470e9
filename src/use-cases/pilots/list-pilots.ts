import type { AppContext } from '../../app-context.ts';
import { pilotUnits } from '../../domain/pilots/pilot.ts';
import { listIndicators } from '../../repositories/indicators.repository.ts';
import { listPilots as listPilotRows } from '../../repositories/pilots.repository.ts';
import type { PilotWithIndicators } from './get-pilot.ts';

/** Whether a caller may read a unit's items (classified: those marked classified). */
export type PilotReadCheck = (unitCodes: readonly string[]) => Promise<(unitCode: string, classified?: boolean) => boolean>;

/**
 * The pilots a caller may read — every unit of the pilot readable — with the classified indicators
 * it may not see left out (a pilot all of whose indicators are hidden is left out whole). Without a
 * check (the CLI, a trusted local operator) every pilot and indicator.
 */
export async function listReadablePilots(ctx: AppContext, filter: { state?: string | null; problemCode?: string | null }, check?: PilotReadCheck): Promise<PilotWithIndicators[]> {
  const pilots = await listPilotRows(ctx.db, filter);
  const classified = new Set((await listIndicators(ctx.db, { includeClassified: true })).filter((i) => i.classified).map((i) => i.code));
  const readable = check ? await check([...new Set(pilots.flatMap(pilotUnits))]) : null;
  const out: PilotWithIndicators[] = [];
  for (const p of pilots) {
    const withClassified = { ...p, classifiedIndicators: p.indicators.filter((c) => classified.has(c)) };
    if (!readable) {
      out.push(withClassified);
      continue;
    }
    const visible = visiblePilot(withClassified, readable);
    if (visible) out.push(visible);
  }
  return out;
}

/**
 * The pilot as a caller sees it: null unless every unit is readable; classified indicators only when
 * the caller may see classified items at every unit; null when no indicator is left to show.
 */
export function visiblePilot(pilot: PilotWithIndicators, readable: (unitCode: string, classified?: boolean) => boolean): PilotWithIndicators | null {
  const units = pilotUnits(pilot);
  if (!units.every((u) => readable(u))) return null;
  if (pilot.classifiedIndicators.length === 0 || units.every((u) => readable(u, true))) return pilot;
  const hidden = new Set(pilot.classifiedIndicators);
  const indicators = pilot.indicators.filter((c) => !hidden.has(c));
  return indicators.length ? { ...pilot, indicators, classifiedIndicators: [] } : null;
}
