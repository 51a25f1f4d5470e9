import type { AppContext } from '../../app-context.ts';
import type { Role } from '../../db/tables/access.ts';
import { isRole, isScope } from '../../domain/access/authorize.ts';
import { hashSecret, newApiToken } from '../../domain/access/secrets.ts';
import { parseTokenExpiry } from '../../domain/access/token-expiry.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { findTokenById, insertToken, type TokenRecord } from '../../repositories/tokens.repository.ts';
import { unitIdByCode } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export interface NewToken {
  unit: string;
  role: string;
  name?: string | null | undefined;
  scopes?: string[] | undefined;
  /** `YYYY-MM-DD`, `dd/mm/yyyy` (valid through that day, Hanoi time) or a zoned ISO timestamp. */
  expires?: string | null | undefined;
  /** The user creating it, when a user does (null from the CLI). */
  createdBy?: number | null | undefined;
}

/**
 * Mints an API token bound to a unit's subtree with a role and scopes. Returns the plaintext exactly
 * once; only its SHA-256 is stored, and the audit entry never holds either. The caller has checked
 * that `actor` may grant that role there (`canGrant`).
 *
 * @example
 * const { token } = await createToken(ctx, 'cli:root', { unit: 'VT', role: 'reporter', scopes: ['write'] });
 * // token = 'tdk_…' — hand it to the source system now; it cannot be shown again.
 */
export async function createToken(ctx: AppContext, actor: string, input: NewToken): Promise<TokenRecord & { token: string }> {
  const problems: Problem[] = [];
  if (!isRole(input.role)) problems.push(problem({ field: 'role' }, message('user.unknown_role', { role: input.role })));
  const scopes = [...new Set((input.scopes ?? []).map((s) => s.trim()).filter(Boolean))];
  for (const scope of scopes) {
    if (!isScope(scope)) problems.push(problem({ field: 'scopes' }, message('token.unknown_scope', { scope })));
  }
  let expiresAt: Date | null = null;
  if (input.expires != null && input.expires.trim() !== '') {
    expiresAt = parseTokenExpiry(input.expires);
    if (!expiresAt) problems.push(problem({ field: 'expires' }, message('token.invalid_date', { expires: input.expires })));
    else if (expiresAt <= ctx.now()) problems.push(problem({ field: 'expires' }, message('token.expiry_in_past')));
  }
  const name = (input.name ?? '').normalize('NFC').trim() || `${input.unit} ${input.role}`;
  if (name.length > 200) problems.push(problem({ field: 'name' }, message('token.name_too_long')));
  const unitId = await unitIdByCode(ctx.db, input.unit);
  if (unitId === null) problems.push(problem({ field: 'unit' }, message('user.no_unit_with_code', { unit: input.unit })));
  if (problems.length || unitId === null) throw new InputError(message('token.cannot_create_token'), problems);
  const role = input.role as Role;

  const token = newApiToken();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const tokenId = await insertToken(trx, { name, tokenHash: hashSecret(token), unitId, role, scopes, createdBy: input.createdBy ?? null, expiresAt });
    await recordAudit(trx, {
      actor,
      action: 'create',
      entity: 'api_token',
      entityId: tokenId,
      before: null,
      after: { name, unit: input.unit, role, scopes, expiresAt: expiresAt?.toISOString() ?? null },
      at: ctx.now(),
    });
    return tokenId;
  });
  const record = await findTokenById(ctx.db, id);
  if (!record) throw new Error(`token ${id} vanished after creation`);
  return { ...record, token };
}
