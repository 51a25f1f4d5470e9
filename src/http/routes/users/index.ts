import { canGrant } from '../../../domain/access/authorize.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { findUserByUsername } from '../../../repositories/users.repository.ts';
import { createUser } from '../../../use-cases/users/create-user.ts';
import { disableUser } from '../../../use-cases/users/disable-user.ts';
import { grantRole } from '../../../use-cases/users/grant-role.ts';
import { listUsers } from '../../../use-cases/users/list-users.ts';
import { accessRoots, forbiddenFor, requireAccess, requireAuthenticated, subtreeCheckFor } from '../../auth/auth-plugin.ts';
import { userView } from '../../auth/views.ts';
import type { RouteModule } from '../../route-module.ts';
import { createUserSchema, disableUserSchema, grantSchema, listUsersSchema } from './schema.ts';

const users: RouteModule = (app, ctx) => {
  app.get('/api/v1/users', { schema: listUsersSchema }, async (request) => {
    const found = await listUsers(ctx, accessRoots(request, 'administer'));
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
    const target = await findUserByUsername(ctx.db, request.params.username);
    if (!target) throw new NotFoundError(`Không có người dùng "${request.params.username}" / no such user`);
    await requireAccess(request, 'administer', target.unitCode);
    // A unit admin may not lock out someone who holds more than they do (a system admin).
    const inSubtree = await subtreeCheckFor(request, target.grants.map((g) => g.unitCode));
    if (target.grants.some((g) => !canGrant(request.principal, g.role, g.unitCode, inSubtree))) throw forbiddenFor('administer', target.unitCode);
    const { user, changed } = await disableUser(ctx, request.principal.actor, target.username);
    return { user: userView(user), changed };
  });
};

export default users;
