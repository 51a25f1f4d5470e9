import { buildRankingReport } from '../../../use-cases/reports/build-ranking-report.ts';
import { buildReportDocument } from '../../../use-cases/reports/build-report-document.ts';
import { exportUpstream } from '../../../use-cases/reports/export-upstream.ts';
import { classifiedVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { rankingFileSchema, reportFileSchema, upstreamFileSchema } from './schema.ts';

const split = (file: string) => {
  const dot = file.lastIndexOf('.');
  return { period: file.slice(0, dot), format: file.slice(dot + 1) };
};

const reports: RouteModule = (app, ctx) => {
  app.get('/api/v1/reports/:unit/:file', { schema: reportFileSchema }, async (request, reply) => {
    await requireAccess(request, 'read', request.params.unit);
    const { period, format } = split(request.params.file);
    const classifiedVisible = (await classifiedVisibility(request, [request.params.unit]))(request.params.unit);
    const doc = await buildReportDocument(ctx, { unit: request.params.unit, period, format, classifiedVisible });
    return reply.type(doc.contentType).header('content-disposition', `attachment; filename="${doc.filename}"`).send(doc.bytes);
  });

  app.get('/api/v1/reports/:unit/ranking/:file', { schema: rankingFileSchema }, async (request, reply) => {
    await requireAccess(request, 'read', request.params.unit);
    const { period, format } = split(request.params.file);
    const doc = await buildRankingReport(ctx, { recipient: request.params.unit, period, format, ...(request.query.framework ? { framework: request.query.framework } : {}) });
    return reply.type(doc.contentType).header('content-disposition', `attachment; filename="${doc.filename}"`).send(doc.bytes);
  });

  app.get('/api/v1/exports/upstream/:unit/:file', { schema: upstreamFileSchema }, async (request, reply) => {
    await requireAccess(request, 'read', request.params.unit);
    const { period, format } = split(request.params.file);
    const classifiedVisible = (await classifiedVisibility(request, [request.params.unit]))(request.params.unit);
    const data = await exportUpstream(ctx, request.params.unit, period, format, { classifiedVisible });
    if (typeof data === 'string') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="upstream-${request.params.unit}-${period}.csv"`).send(data);
    }
    return data;
  });
};

export default reports;
