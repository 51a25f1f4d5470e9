import type { Generated } from 'kysely';

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  valid_from: string | null;
  valid_to: string | null;
  created_at: Generated<Date>;
}

export interface UnitAliasesTable {
  unit_id: number;
  alias: string;
}

export interface UnitSuccessionsTable {
  predecessor_id: number;
  successor_id: number;
  effective_on: string;
}

export interface UnitTables {
  units: UnitsTable;
  unit_aliases: UnitAliasesTable;
  unit_successions: UnitSuccessionsTable;
}
