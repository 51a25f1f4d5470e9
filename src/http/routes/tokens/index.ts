import { canGrant } from '../../../domain/access/authorize.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { findTokenById } from '../../../repositories/tokens.repository.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { listTokens } from '../../../use-cases/tokens/list-tokens.ts';
import { revokeToken } from '../../../use-cases/tokens/revoke-token.ts';
import { accessRoots, forbiddenFor, requireAccess, requireAuthenticated, subtreeCheckFor } from '../../auth/auth-plugin.ts';
import { tokenView } from '../../auth/views.ts';
import type { RouteModule } from '../../route-module.ts';
import { createTokenSchema, listTokensSchema, revokeTokenSchema } from './schema.ts';
import { message } from '../../../domain/messages/message.ts';

const tokens: RouteModule = (app, ctx) => {
  app.post('/api/v1/tokens', { schema: createTokenSchema }, async (request, reply) => {
    requireAuthenticated(request);
    const { unit, role } = request.body;
    if (!canGrant(request.principal, role, unit, await subtreeCheckFor(request, [unit]))) throw forbiddenFor('administer', unit);
    const created = await createToken(ctx, request.principal.actor, { ...request.body, createdBy: request.principal.userId });
    return reply.status(201).send({ ...tokenView(created), token: created.token });
  });

  app.get('/api/v1/tokens', { schema: listTokensSchema }, async (request) => {
    const found = await listTokens(ctx, accessRoots(request, 'administer'));
    return { tokens: found.map(tokenView) };
  });

  app.delete('/api/v1/tokens/:id', { schema: revokeTokenSchema }, async (request) => {
    requireAuthenticated(request);
    const token = await findTokenById(ctx.db, request.params.id);
    if (!token) throw new NotFoundError(message('token.no_such_token', { id: String(request.params.id) }));
    await requireAccess(request, 'administer', token.unitCode);
    const result = await revokeToken(ctx, request.principal.actor, token.id);
    return { token: tokenView(result.token), changed: result.changed };
  });
};

export default tokens;
