import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { RegistryUnit } from '../../domain/units/unit.ts';
import { childCodes, findRegistryUnit, loadRegistryUnits, successionsTouching } from '../../repositories/units.repository.ts';
import type { UnitSummary } from './list-units.ts';
import { message } from '../../domain/messages/message.ts';

/** A unit linked to another by a merger, with the day it took effect. */
export interface SuccessionLink extends UnitSummary {
  effectiveOn: string;
}

export interface UnitDetail extends UnitSummary {
  aliases: string[];
  validFrom: string | null;
  validTo: string | null;
  parentUnit: UnitSummary | null;
  children: UnitSummary[];
  /** Units this one took over (directly or through earlier mergers), oldest last. */
  predecessors: SuccessionLink[];
  /** Units that took this one over (directly or through later mergers). */
  successors: SuccessionLink[];
}

/**
 * One unit with its aliases, parent, children and history: every unit it succeeded and every unit
 * that succeeded it, following chains of mergers in both directions.
 *
 * @example
 * const sở = await getUnit(ctx, 'HN_SO_KHCN');
 * sở.predecessors // → [{ code: 'HN_SO_TTTT', effectiveOn: '2025-03-01', … }]
 */
export async function getUnit(ctx: AppContext, code: string): Promise<UnitDetail> {
  const unit = await findRegistryUnit(ctx.db, code);
  if (!unit) throw new NotFoundError(message('unit.no_unit_with_code_again', { code }));
  const [children, predecessors, successors] = await Promise.all([
    childCodes(ctx.db, unit.code),
    walkHistory(ctx, unit.code, 'back'),
    walkHistory(ctx, unit.code, 'forward'),
  ]);
  const related = [unit.parent, ...children, ...predecessors.map((l) => l.code), ...successors.map((l) => l.code)].filter(
    (c): c is string => c !== null,
  );
  const byCode = new Map((await loadRegistryUnits(ctx.db, { codes: [...new Set(related)] })).map((u) => [u.code, u]));
  const summary = (u: RegistryUnit): UnitSummary => ({ code: u.code, name: u.name, kind: u.kind, parent: u.parent });
  const summaryOf = (code: string) => summary(byCode.get(code) as RegistryUnit);
  return {
    ...summary(unit),
    aliases: unit.aliases,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    parentUnit: unit.parent ? summaryOf(unit.parent) : null,
    children: children.map(summaryOf),
    predecessors: predecessors.map((l) => ({ ...summaryOf(l.code), effectiveOn: l.effectiveOn })),
    successors: successors.map((l) => ({ ...summaryOf(l.code), effectiveOn: l.effectiveOn })),
  };
}

/** Follows succession edges from `code` one way, breadth first, each unit once. */
async function walkHistory(ctx: AppContext, code: string, direction: 'back' | 'forward'): Promise<{ code: string; effectiveOn: string }[]> {
  const seen = new Set([code]);
  const out: { code: string; effectiveOn: string }[] = [];
  let frontier = [code];
  while (frontier.length > 0) {
    const edges = await successionsTouching(ctx.db, frontier);
    const next: string[] = [];
    for (const e of edges) {
      const [from, to] = direction === 'forward' ? [e.predecessor, e.successor] : [e.successor, e.predecessor];
      if (!frontier.includes(from) || seen.has(to)) continue;
      seen.add(to);
      next.push(to);
      out.push({ code: to, effectiveOn: e.effectiveOn });
    }
    frontier = next;
  }
  return out;
}
