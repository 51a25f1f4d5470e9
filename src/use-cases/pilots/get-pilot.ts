import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Pilot } from '../../domain/pilots/pilot.ts';
import { findIndicatorsByCodes } from '../../repositories/indicators.repository.ts';
import { findPilot } from '../../repositories/pilots.repository.ts';
import { message } from '../../domain/messages/message.ts';

/** A pilot with which of its indicators are classified (the caller hides those it may not show). */
export interface PilotWithIndicators extends Pilot {
  classifiedIndicators: string[];
}

/** The pilot with this code; 404 when there is none. */
export async function getPilot(ctx: AppContext, code: string): Promise<PilotWithIndicators> {
  const pilot = await findPilot(ctx.db, code);
  if (!pilot) throw new NotFoundError(message('pilot.pilot_not_found', { code }));
  const indicators = await findIndicatorsByCodes(ctx.db, pilot.indicators);
  return { ...pilot, classifiedIndicators: pilot.indicators.filter((c) => indicators.get(c)?.classified === true) };
}
