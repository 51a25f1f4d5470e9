import type { Generated } from 'kysely';

export interface ClassifiedGrantsTable {
  user_id: number;
  unit_id: number;
  granted_by: string;
  granted_at: Generated<Date>;
}

/** Tables of the access area added after the initial schema. */
export interface AccessGrantTables {
  classified_grants: ClassifiedGrantsTable;
}
