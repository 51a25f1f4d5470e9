import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { problem, type Problem } from '../../domain/errors.ts';
import type { ValidPilotFields } from '../../domain/pilots/pilot.ts';
import { findIndicatorsByCodes } from '../../repositories/indicators.repository.ts';
import { findUnitIdsByCodes } from '../../repositories/observations.repository.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * The problems of a pilot against the registries: every unit must be in the unit registry and every
 * indicator a known indicator; each problem names the unknown code and its field.
 */
export async function checkPilotRegistry(db: Kysely<Database>, pilot: ValidPilotFields): Promise<Problem[]> {
  const [units, indicators] = await Promise.all([
    findUnitIdsByCodes(db, [...pilot.treatedUnits, ...pilot.comparisonUnits]),
    findIndicatorsByCodes(db, pilot.indicators),
  ]);
  const problems: Problem[] = [];
  for (const [field, codes] of [['treatedUnits', pilot.treatedUnits], ['comparisonUnits', pilot.comparisonUnits]] as const) {
    for (const code of codes) {
      if (!units.has(code)) problems.push(problem({ field }, message('pilot.unknown_unit', { code })));
    }
  }
  for (const code of pilot.indicators) {
    if (!indicators.has(code)) problems.push(problem({ field: 'indicators' }, message('pilot.unknown_indicator', { code })));
  }
  return problems;
}
