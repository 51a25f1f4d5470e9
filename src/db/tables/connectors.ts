import type { ColumnType } from 'kysely';

/** The last known state of each configured connector, shared by every server instance. */
export interface ConnectorsTable {
  name: string;
  last_run_at: Date | null;
  last_success_at: Date | null;
  last_error_at: Date | null;
  last_error: string | null;
  /** Rows the last successful run delivered, and how they were counted. */
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Indicator codes the last successful run delivered: their frequencies decide staleness. */
  indicators: ColumnType<string[], string[] | undefined, string[]>;
  /** A lease: the run in progress (by any instance) and when it started; expired leases are taken over. */
  running_since: Date | null;
  run_token: string | null;
}

export interface ConnectorTables {
  connectors: ConnectorsTable;
}
