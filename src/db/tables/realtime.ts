import type { ColumnType, Generated } from 'kysely';

/** One announced batch of changes, numbered in the order it was recorded (see the change-log migration). */
export interface ChangeLogTable {
  seq: Generated<number>;
  kind: 'observations' | 'assessments';
  changes: ColumnType<unknown, string, string>;
  recorded_at: Generated<Date>;
}

export interface RealtimeTables {
  change_log: ChangeLogTable;
}
