import type { AppContext } from '../../app-context.ts';
import type { Role } from '../../db/tables/access.ts';
import { isRole, isScope } from '../../domain/access/authorize.ts';
import { hashSecret, newApiToken } from '../../domain/access/secrets.ts';
import { parseTokenExpiry } from '../../domain/access/token-expiry.ts';
import { InputError, type Problem } from '../../domain/errors.ts';
import { findTokenById, insertToken, type TokenRecord } from '../../repositories/tokens.repository.ts';
import { unitIdByCode } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';

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
  if (!isRole(input.role)) problems.push({ field: 'role', message: `Vai trò không hợp lệ: "${input.role}" / unknown role` });
  const scopes = [...new Set((input.scopes ?? []).map((s) => s.trim()).filter(Boolean))];
  for (const scope of scopes) {
    if (!isScope(scope)) problems.push({ field: 'scopes', message: `Phạm vi không hợp lệ: "${scope}" (read, write, approve, administer, classified) / unknown scope` });
  }
  let expiresAt: Date | null = null;
  if (input.expires != null && input.expires.trim() !== '') {
    expiresAt = parseTokenExpiry(input.expires);
    if (!expiresAt) problems.push({ field: 'expires', message: `Ngày hết hạn không hợp lệ: "${input.expires}" (dd/mm/yyyy) / invalid date` });
    else if (expiresAt <= ctx.now()) problems.push({ field: 'expires', message: 'Ngày hết hạn đã qua / expiry is in the past' });
  }
  const name = (input.name ?? '').normalize('NFC').trim() || `${input.unit} ${input.role}`;
  if (name.length > 200) problems.push({ field: 'name', message: 'Tên quá dài (tối đa 200 ký tự) / name too long' });
  const unitId = await unitIdByCode(ctx.db, input.unit);
  if (unitId === null) problems.push({ field: 'unit', message: `Không có đơn vị mã "${input.unit}" / no unit with this code` });
  if (problems.length || unitId === null) throw new InputError('Không tạo được mã truy cập / cannot create token', problems);
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
