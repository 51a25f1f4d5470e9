import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app-context.ts';
import { InputError, NotFoundError } from '../../../domain/errors.ts';
import { canAdministerTogether } from '../../../domain/pilots/pilot-access.ts';
import { pilotUnits } from '../../../domain/pilots/pilot.ts';
import { createPilot } from '../../../use-cases/pilots/create-pilot.ts';
import { estimatePilotEffect } from '../../../use-cases/pilots/estimate-pilot-effect.ts';
import { getPilot, type PilotWithIndicators } from '../../../use-cases/pilots/get-pilot.ts';
import { listReadablePilots, visiblePilot } from '../../../use-cases/pilots/list-pilots.ts';
import { updatePilot } from '../../../use-cases/pilots/update-pilot.ts';
import { cityCode, problemAccessFor, requireActAs } from '../../../use-cases/problems/problem-access.ts';
import type { ProblemRecord } from '../../../repositories/problems.repository.ts';
import { forbiddenFor, readVisibility, requireAuthenticated, subtreeCheckFor } from '../../auth/auth-plugin.ts';
import { HttpProblem, httpProblem } from '../../problem.ts';
import type { RouteModule } from '../../route-module.ts';
import { createPilotSchema, effectSchema, getPilotSchema, listPilotsSchema, updatePilotSchema } from './schema.ts';
import { message } from '../../../domain/messages/message.ts';

/** The pilot without the internal classified list. */
function view({ classifiedIndicators: _c, ...pilot }: PilotWithIndicators) {
  return pilot;
}

/**
 * Writing a pilot needs unit_admin at one unit holding all its units (canAdministerTogether). The
 * 403 names the units, as every refusal does.
 */
function writeCheck(request: FastifyRequest) {
  return async (units: string[]) => {
    const inSubtree = await subtreeCheckFor(request, units);
    if (!canAdministerTogether(request.principal, units, inSubtree)) {
      throw httpProblem(403, 'Forbidden', message('auth.pilot_needs_common_admin', { units: units.join(', ') }), { units, action: 'administer' });
    }
  };
}

/** Starting a pilot of a problem is the receiving agency's or the city's act (the problems' policy). */
function problemCheck(request: FastifyRequest, ctx: AppContext) {
  return async (problem: ProblemRecord) => {
    const access = problemAccessFor(request.principal, (units) => subtreeCheckFor(request, units));
    await requireActAs(access, 'agency', problem, await cityCode(ctx));
  };
}

/** A pilot's fields wrong against themselves or the registries is a bad request, naming the field and code. */
async function asBadRequest<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw new HttpProblem(400, 'Invalid pilot', { detail: error.message, errors: error.problems });
    throw error;
  }
}

/**
 * The pilot as this caller may see it: 403 naming the first unit of it the caller may not read (as
 * for any unit asked for), 404 when every indicator of it is classified beyond the caller's right.
 */
async function readablePilot(request: FastifyRequest, pilot: PilotWithIndicators): Promise<{ pilot: PilotWithIndicators; includeClassified: boolean }> {
  const units = pilotUnits(pilot);
  const readable = await readVisibility(request, units);
  const refused = units.find((u) => !readable(u));
  if (refused) throw forbiddenFor('read', refused);
  const visible = visiblePilot(pilot, readable);
  if (!visible) throw new NotFoundError(message('pilot.pilot_not_found_again', { pilotCode: pilot.code }));
  return { pilot: visible, includeClassified: units.every((u) => readable(u, true)) };
}

const pilots: RouteModule = (app, ctx) => {
  app.get('/api/v1/pilots', { schema: listPilotsSchema }, async (request) => {
    requireAuthenticated(request);
    const list = await listReadablePilots(ctx, { state: request.query.state, problemCode: request.query.problem }, (units) => readVisibility(request, units));
    return { pilots: list.map(view) };
  });

  app.get('/api/v1/pilots/:code', { schema: getPilotSchema }, async (request) => {
    requireAuthenticated(request);
    return view((await readablePilot(request, await getPilot(ctx, request.params.code))).pilot);
  });

  app.post('/api/v1/pilots', { schema: createPilotSchema }, async (request, reply) => {
    requireAuthenticated(request);
    const pilot = await asBadRequest(() => createPilot(ctx, request.body, { actor: request.principal.actor, authorize: writeCheck(request), authorizeProblem: problemCheck(request, ctx) }));
    return reply.status(201).send(pilot);
  });

  app.patch('/api/v1/pilots/:code', { schema: updatePilotSchema }, async (request) => {
    requireAuthenticated(request);
    // Reading comes first: a caller who may not read every unit of the pilot is refused before its fields are looked at.
    await readablePilot(request, await getPilot(ctx, request.params.code));
    return asBadRequest(() => updatePilot(ctx, request.params.code, request.body, { actor: request.principal.actor, authorize: writeCheck(request), authorizeProblem: problemCheck(request, ctx) }));
  });

  app.get('/api/v1/pilots/:code/effect', { schema: effectSchema }, async (request) => {
    requireAuthenticated(request);
    const { pilot, includeClassified } = await readablePilot(request, await getPilot(ctx, request.params.code));
    return estimatePilotEffect(ctx, pilot.code, { confidence: request.query.confidence ?? 0.9, includeClassified });
  });
};

export default pilots;
