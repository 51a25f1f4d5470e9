import { decodeUtf8Body } from '../../untrusted-body.ts';
import { Readable } from 'node:stream';
import { errorTextIn, InputError, problemIn } from '../../../domain/errors.ts';
import { langFromAcceptLanguage } from '../../../domain/messages/message.ts';
import { observationRowsFromCsv } from '../../../domain/observations/tabular-rows.ts';
import { exportObservationsCsv } from '../../../use-cases/observations/export-observations.ts';
import { getDataShare } from '../../../use-cases/observations/get-data-share.ts';
import { ingestObservations } from '../../../use-cases/observations/ingest-observations.ts';
import { listObservationsFor } from '../../../use-cases/observations/list-observations.ts';
import { nameActors } from '../../../use-cases/users/name-actors.ts';
import { requireAuthenticated } from '../../auth/auth-plugin.ts';
import { sendProblem } from '../../problem.ts';
import type { App, RouteModule } from '../../route-module.ts';
import { dataShareSchema, exportObservationsSchema, listObservationsSchema, postObservationsSchema } from './schema.ts';

// Batches of up to 100 000 rows (about 10 MB of JSON) are accepted in one request.
const BATCH_BODY_LIMIT = 32 * 1024 * 1024;

const observations: RouteModule = async (app, ctx) => {
  // Encapsulated so the text/csv parser applies to these routes only.
  await app.register((scope: App, _options, done) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: BATCH_BODY_LIMIT }, (_request, body: Buffer, done) => {
      try {
        done(null, decodeUtf8Body(body));
      } catch (error) {
        done(error as Error, undefined);
      }
    });

    scope.post('/api/v1/observations', { schema: postObservationsSchema, bodyLimit: BATCH_BODY_LIMIT }, async (request, reply) => {
      requireAuthenticated(request);
      const principal = request.principal;
      const body: unknown = request.body;
      const batch =
        typeof body === 'string'
          ? { source: request.query.source ?? principal.actor, observations: observationRowsFromCsv(body) }
          : (body as { source: unknown; observations: unknown });
      try {
        const result = await ingestObservations(
          ctx,
          // People typing into the web are "manual" (and must give evidence); tokens are source systems.
          { actor: principal.actor, origin: principal.kind === 'user' ? 'manual' : 'system', principal },
          { ...batch, idempotencyKey: request.headers['idempotency-key'] ?? null, dryRun: request.query.dryRun ?? false },
        );
        if (result.replayed) void reply.header('idempotent-replayed', 'true');
        return result.summary;
      } catch (error) {
        if (error instanceof InputError) {
          // Said in the reader's language, each conflict with its code for clients that act on it.
          const lang = langFromAcceptLanguage(request.headers['accept-language']);
          const conflicts = error.problems.map((p) => problemIn(p, lang));
          const said = error.said ? { code: error.said.code, params: error.said.params } : {};
          return sendProblem(reply, { type: 'about:blank', title: 'Invalid batch', status: 422, detail: errorTextIn(error, lang), ...said, conflicts, errors: conflicts });
        }
        throw error;
      }
    });
    done();
  });

  app.get('/api/v1/observations', { schema: listObservationsSchema }, async (request) => {
    requireAuthenticated(request);
    const rows = await listObservationsFor(ctx, request.principal, request.query);
    const namer = await nameActors(ctx.db, rows.map((r) => r.actor), langFromAcceptLanguage(request.headers['accept-language']));
    return { observations: rows.map(({ classified: _c, ...row }) => ({ ...row, actorName: namer.name(row.actor), recordedAt: row.recordedAt.toISOString() })) };
  });

  app.get('/api/v1/observations/export.csv', { schema: exportObservationsSchema }, async (request, reply) => {
    requireAuthenticated(request);
    // The first page is read before answering, so a bad query still gets a 422 rather than a cut stream.
    const chunks = exportObservationsCsv(ctx, request.principal, request.query);
    const first = await chunks.next();
    async function* all() {
      if (!first.done) yield first.value;
      yield* chunks;
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="observations-history.csv"')
      .send(Readable.from(all()));
  });

  app.get('/api/v1/units/:code/data-share', { schema: dataShareSchema }, async (request) => {
    requireAuthenticated(request);
    return getDataShare(ctx, request.principal, request.params.code, { subtree: request.query.subtree ?? false });
  });
};

export default observations;
