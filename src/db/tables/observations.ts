import type { Generated } from 'kysely';

export interface IndicatorsTable {
  id: Generated<number>;
  code: string;
  name: string;
  measure: string;
  direction: Generated<'up' | 'down'>;
  aggregation: Generated<'sum' | 'mean' | 'ratio' | 'min' | 'max' | 'last'>;
  numerator: string | null;
  denominator: string | null;
  frequency: Generated<string>;
  source_system: string | null;
  classified: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface IngestBatchesTable {
  id: Generated<number>;
  idempotency_key: string | null;
  request_hash: string;
  source: string;
  actor: string;
  response: unknown;
  created_at: Generated<Date>;
}

export interface ObservationsTable {
  id: Generated<number>;
  indicator_id: number;
  unit_id: number;
  period: string;
  period_start: string;
  period_end: string;
  version: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  origin: 'system' | 'connector' | 'manual' | 'import';
  source: string;
  actor: string;
  note: string | null;
  evidence_url: string | null;
  reason: string | null;
  batch_id: number | null;
  recorded_at: Generated<Date>;
}

export interface ObservationTables {
  indicators: IndicatorsTable;
  ingest_batches: IngestBatchesTable;
  observations: ObservationsTable;
}
