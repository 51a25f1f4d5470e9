import { decodeUtf8Body } from '../../untrusted-body.ts';
import { rootUnit } from '../../../repositories/targets.repository.ts';
import { importTargets } from '../../../use-cases/targets/import-targets.ts';
import { requireAccess } from '../../auth/auth-plugin.ts';
import type { App, RouteModule } from '../../route-module.ts';
import { importTargetsSchema } from './schema.ts';

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
};

export default targets;
