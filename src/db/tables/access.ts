import type { ColumnType, Generated } from 'kysely';

export type Role = 'viewer' | 'reporter' | 'approver' | 'unit_admin' | 'system_admin';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  unit_id: number;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface UserRolesTable {
  user_id: number;
  unit_id: number;
  role: Role;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  unit_id: number;
  role: Role;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_by: number | null;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string | null;
  hash: string;
}

export interface AccessTables {
  users: UsersTable;
  user_roles: UserRolesTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  rate_limit_hits: RateLimitHitsTable;
}

/** A shared rate-limit counter (sign-in, public forms): hits of `key` since `window_start`. */
export interface RateLimitHitsTable {
  key: string;
  window_start: Date;
  hits: number;
}
