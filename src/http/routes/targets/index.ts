import { decodeUtf8Body } from '../../untrusted-body.ts';
import { rootUnit } from '../../../repositories/targets.repository.ts';
import { importTargets } from '../../../use-cases/targets/import-targets.ts';
import { setTargetWeight, targetWeightScope } from '../../../use-cases/targets/set-target-weight.ts';
import { classifiedVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { App, RouteModule } from '../../route-module.ts';
import { importTargetsSchema, setTargetWeightSchema } from './schema.ts';

const targets: RouteModule = async (app, ctx) => {
  // Encapsulated so the text/csv parser applies to these routes only.
  await app.register((scope: App, _opts, done) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_request, body: Buffer, next) => {
      try {
        next(null, decodeUtf8Body(body));
      } catch (error) {
        next(error as Error, undefined);
      }
    });
    scope.post('/api/v1/targets/import', { schema: importTargetsSchema }, async (request, reply) => {
      const root = await rootUnit(ctx.db);
      await requireAccess(request, 'administer', root?.code ?? '');
      return reply.status(201).send(await importTargets(ctx, request.body, request.principal.actor));
    });
    done();
  });
  app.patch('/api/v1/targets/:code/weight', { schema: setTargetWeightSchema }, async (request) => {
    const root = (await rootUnit(ctx.db))?.code ?? '';
    const scope = await targetWeightScope(ctx, request.params.code, root);
    await requireAccess(request, 'administer', scope);
    const mayTouchClassified = (await classifiedVisibility(request, [scope]))(scope);
    return setTargetWeight(ctx, { code: request.params.code, weight: request.body.weight, actor: request.principal.actor, mayTouchClassified });
  });
};

export default targets;
