import { attachmentHeader, XLSX_CONTENT_TYPE } from '../../../exports/xlsx-table.ts';
import type { TargetStatus } from '../../../domain/evaluation/evaluate-target.ts';
import { exportTableXlsx } from '../../../use-cases/exports/export-table-xlsx.ts';
import { exportTargetsXlsx } from '../../../use-cases/exports/export-targets-xlsx.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { TABLE_LIMITS, tableXlsxSchema, targetsXlsxSchema } from './schema.ts';

/** Spreadsheets are built here, never in the browser (issue #13: exceljs weighed 929 KB in the web bundle). */
const exportsRoutes: RouteModule = (app, ctx) => {
  app.get('/api/v1/exports/targets.xlsx', { schema: targetsXlsxSchema }, async (request, reply) => {
    const { unit, asOf, status, pillar, framework } = request.query;
    await requireAccess(request, 'read', unit);
    const statuses = status ? (status.split(',') as TargetStatus[]) : undefined;
    const file = await exportTargetsXlsx(ctx, { unit, asOf, statuses, pillar, framework }, (codes) => readVisibility(request, codes));
    return reply.type(XLSX_CONTENT_TYPE).header('cache-control', 'private, no-store').header('content-disposition', attachmentHeader(file)).send(file.body);
  });

  app.post('/api/v1/exports/table.xlsx', { schema: tableXlsxSchema, bodyLimit: TABLE_LIMITS.bodyBytes }, async (request, reply) => {
    const file = await exportTableXlsx(request.body);
    return reply.type(XLSX_CONTENT_TYPE).header('cache-control', 'private, no-store').header('content-disposition', attachmentHeader(file)).send(file.body);
  });
};

export default exportsRoutes;
