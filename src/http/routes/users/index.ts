import { canGrant } from '../../../domain/access/authorize.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { findUserByUsername, type UserRecord } from '../../../repositories/users.repository.ts';
import { createUser } from '../../../use-cases/users/create-user.ts';
import { disableUser } from '../../../use-cases/users/disable-user.ts';
import { erasePersonalData } from '../../../use-cases/users/erase-personal-data.ts';
import { exportPersonalData } from '../../../use-cases/users/export-personal-data.ts';
import { recordAudit } from '../../../use-cases/audit/record-audit.ts';
import { grantRole } from '../../../use-cases/users/grant-role.ts';
import { listUsers } from '../../../use-cases/users/list-users.ts';
import { accessRoots, forbiddenFor, requireAccess, requireAuthenticated, subtreeCheckFor } from '../../auth/auth-plugin.ts';
import { userView } from '../../auth/views.ts';
import type { RouteModule } from '../../route-module.ts';
import { createUserSchema, disableUserSchema, erasePersonalDataSchema, exportPersonalDataSchema, grantSchema, listUsersSchema } from './schema.ts';
import type { FastifyRequest } from 'fastify';
import { message } from '../../../domain/messages/message.ts';

const users: RouteModule = (app, ctx) => {
  app.get('/api/v1/users', { schema: listUsersSchema }, async (request) => {
    const found = await listUsers(ctx, accessRoots(request, 'administer'));
    // Reading people's details is itself recorded (who looked, how many), never what was shown.
    if (found.length) await recordAudit(ctx.db, { actor: request.principal?.actor ?? 'anonymous', action: 'read_personal_data', entity: 'user', entityId: null, before: null, after: { users: found.length }, at: ctx.now() });
    return { users: found.map(userView) };
  });

  app.post('/api/v1/users', { schema: createUserSchema }, async (request, reply) => {
    requireAuthenticated(request);
    const { unit, role } = request.body;
    if (!canGrant(request.principal, role, unit, await subtreeCheckFor(request, [unit]))) throw forbiddenFor('administer', unit);
    const user = await createUser(ctx, request.principal.actor, request.body);
    return reply.status(201).send(userView(user));
  });

  app.post('/api/v1/users/:username/grants', { schema: grantSchema }, async (request) => {
    requireAuthenticated(request);
    const { unit, role, classified } = request.body;
    // Handing out classified reading needs the rights of an approver there, as having it does.
    const needed = role ?? 'approver';
    const inSubtree = await subtreeCheckFor(request, [unit]);
    if (!canGrant(request.principal, needed, unit, inSubtree) || (classified && !canGrant(request.principal, 'approver', unit, inSubtree))) {
      throw forbiddenFor('administer', unit);
    }
    const { user, changed } = await grantRole(ctx, request.principal.actor, { username: request.params.username, unit, role, classified });
    return { user: userView(user), changed };
  });

  app.post('/api/v1/users/:username/disable', { schema: disableUserSchema }, async (request) => {
    requireAuthenticated(request);
    const target = await existingUser(ctx, request.params.username);
    // A unit admin may not lock out someone who holds more than they do (a system admin).
    await requireAdministerOver(request, target);
    const { user, changed } = await disableUser(ctx, request.principal.actor, target.username);
    return { user: userView(user), changed };
  });

  app.get('/api/v1/users/:username/personal-data', { schema: exportPersonalDataSchema }, async (request) => {
    requireAuthenticated(request);
    const target = await existingUser(ctx, request.params.username);
    // A person may always see what is held about them; otherwise whoever could disable them.
    if (request.principal.userId !== target.id) await requireAdministerOver(request, target);
    return exportPersonalData(ctx, request.principal.actor, target.username);
  });

  app.post('/api/v1/users/:username/erase', { schema: erasePersonalDataSchema }, async (request) => {
    requireAuthenticated(request);
    const target = await existingUser(ctx, request.params.username);
    await requireAdministerOver(request, target);
    const { user, changed } = await erasePersonalData(ctx, request.principal.actor, target.username);
    return { user: userView(user), changed };
  });
};

async function existingUser(ctx: Parameters<RouteModule>[1], username: string): Promise<UserRecord> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new NotFoundError(message('user.no_such_user', { username }));
  return user;
}

/** Administer over the person's home unit, and at least their roles wherever they hold one (as for disabling). */
async function requireAdministerOver(request: FastifyRequest, target: UserRecord): Promise<void> {
  await requireAccess(request, 'administer', target.unitCode);
  const inSubtree = await subtreeCheckFor(request, target.grants.map((g) => g.unitCode));
  if (target.grants.some((g) => !canGrant(request.principal, g.role, g.unitCode, inSubtree))) throw forbiddenFor('administer', target.unitCode);
}

export default users;
