import { listAudit } from '../../../use-cases/audit/list-audit.ts';
import { verifyAuditChain } from '../../../use-cases/audit/verify-audit-chain.ts';
import { accessRoots } from '../../auth/auth-plugin.ts';
import { HttpProblem } from '../../problem.ts';
import type { RouteModule } from '../../route-module.ts';
import { listAuditSchema, verifyAuditSchema } from './schema.ts';

const audit: RouteModule = (app, ctx) => {
  app.get('/api/v1/audit', { schema: listAuditSchema }, async (request) => {
    const roots = accessRoots(request, 'administer');
    if (roots !== null && roots.length === 0) throw adminsOnly();
    return { entries: await listAudit(ctx, request.query, roots) };
  });

  app.get('/api/v1/audit/verify', { schema: verifyAuditSchema }, async (request) => {
    if (accessRoots(request, 'administer') !== null) throw adminsOnly('quản trị hệ thống / system admins');
    return verifyAuditChain(ctx.db);
  });
};

function adminsOnly(who = 'quản trị / admins'): HttpProblem {
  return new HttpProblem(403, 'Forbidden', { detail: `Chỉ dành cho ${who}` });
}

export default audit;
