import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role } from '../db/tables/access.ts';
import { subtreeIds } from './users.repository.ts';

export interface TokenRecord {
  id: number;
  name: string;
  unitCode: string;
  role: Role;
  scopes: string[];
  createdBy: number | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export async function insertToken(
  db: Kysely<Database>,
  token: { name: string; tokenHash: string; unitId: number; role: Role; scopes: string[]; createdBy: number | null; expiresAt: Date | null },
): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: token.name,
      token_hash: token.tokenHash,
      unit_id: token.unitId,
      role: token.role,
      scopes: token.scopes,
      created_by: token.createdBy,
      expires_at: token.expiresAt,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The token with this hash, revoked or not; null when no token has it. */
export async function findTokenByHash(db: Kysely<Database>, tokenHash: string): Promise<TokenRecord | null> {
  const [token] = await selectTokens(db).where('api_tokens.token_hash', '=', tokenHash).execute();
  return token ? toRecord(token) : null;
}

export async function findTokenById(db: Kysely<Database>, id: number): Promise<TokenRecord | null> {
  const [token] = await selectTokens(db).where('api_tokens.id', '=', id).execute();
  return token ? toRecord(token) : null;
}

/** Tokens newest first; `unitRoots` limits to tokens bound to those units' subtrees (null: all). */
export async function listTokens(db: Kysely<Database>, filter: { unitRoots: string[] | null }): Promise<TokenRecord[]> {
  let query = selectTokens(db);
  if (filter.unitRoots) {
    if (filter.unitRoots.length === 0) return [];
    query = query.where('api_tokens.unit_id', 'in', subtreeIds(filter.unitRoots));
  }
  return (await query.orderBy('api_tokens.id', 'desc').execute()).map(toRecord);
}

/** Marks the token revoked at `at`; false when it was already revoked (the first revocation time stays). */
export async function revokeToken(db: Kysely<Database>, id: number, at: Date): Promise<boolean> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length > 0;
}

function selectTokens(db: Kysely<Database>) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('units', 'units.id', 'api_tokens.unit_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'units.code as unit_code',
      'api_tokens.role',
      'api_tokens.scopes',
      'api_tokens.created_by',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
    ]);
}

function toRecord(row: {
  id: number;
  name: string;
  unit_code: string;
  role: Role;
  scopes: string[];
  created_by: number | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    unitCode: row.unit_code,
    role: row.role,
    scopes: row.scopes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** Revokes every live token the user created (the user was disabled); answers how many. */
export async function revokeTokensCreatedBy(db: Kysely<Database>, userId: number, at: Date): Promise<number> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}
