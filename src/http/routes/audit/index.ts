import { ANCHOR_FORMAT } from '../../../domain/audit/anchor.ts';
import { langFromAcceptLanguage, message } from '../../../domain/messages/message.ts';
import { listAudit } from '../../../use-cases/audit/list-audit.ts';
import { recordAudit } from '../../../use-cases/audit/record-audit.ts';
import { auditVerdictIn, verifyAuditChain } from '../../../use-cases/audit/verify-audit-chain.ts';
import { accessRoots } from '../../auth/auth-plugin.ts';
import type { HttpProblem} from '../../problem.ts';
import { httpProblem } from '../../problem.ts';
import type { RouteModule } from '../../route-module.ts';
import { listAuditSchema, verifyAuditSchema } from './schema.ts';

const audit: RouteModule = (app, ctx) => {
  app.get('/api/v1/audit', { schema: listAuditSchema }, async (request) => {
    const roots = accessRoots(request, 'administer');
    if (roots !== null && roots.length === 0) throw adminsOnly();
    const entries = await listAudit(ctx, request.query, roots, langFromAcceptLanguage(request.headers['accept-language']));
    // The log names who did what: reading it is reading personal data, and is itself recorded.
    if (entries.length) await recordAudit(ctx.db, { actor: request.principal?.actor ?? 'anonymous', action: 'read_personal_data', entity: 'audit_log', entityId: null, before: null, after: { entries: entries.length }, at: ctx.now() });
    return { entries };
  });

  app.get('/api/v1/audit/verify', { schema: verifyAuditSchema }, async (request) => {
    if (accessRoots(request, 'administer') !== null) throw httpProblem(403, 'Forbidden', message('auth.system_admin_required'));
    const { anchorId, anchorHash } = request.query;
    if ((anchorId === undefined) !== (anchorHash === undefined)) {
      throw httpProblem(400, 'Bad Request', message('http.anchor_id_and_hash_together'));
    }
    const anchor = anchorId === undefined || anchorHash === undefined ? undefined : { format: ANCHOR_FORMAT as typeof ANCHOR_FORMAT, id: anchorId, hash: anchorHash, at: null, takenAt: '' };
    const verdict = await verifyAuditChain(ctx.db, anchor ? { anchor } : {});
    // Why it does not hold, in the reader's language.
    return auditVerdictIn(verdict, langFromAcceptLanguage(request.headers['accept-language']));
  });
};

function adminsOnly(): HttpProblem {
  return httpProblem(403, 'Forbidden', message('auth.admins_only'));
}

export default audit;
