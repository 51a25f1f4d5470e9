import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface ScoringFrameworksTable {
  id: Generated<number>;
  code: string;
  version: string;
  name: string;
  definition: Json<unknown>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ScoreAssessmentsTable {
  id: Generated<number>;
  framework_code: string;
  criterion: string;
  unit_id: number;
  period: string;
  kind: 'self' | 'appraised';
  points: number;
  evidence_url: string | null;
  note: string | null;
  actor: string;
  recorded_at: Generated<Date>;
}

export interface TargetStatusCurrentTable {
  target_id: number;
  as_of: string;
  status: string;
  current: number | null;
  current_period: string | null;
  forecast: number | null;
  p_miss: number;
  reason: string;
  /** The whole evaluation as /evaluation answers it (null in rows written before it was kept). */
  evaluation: ColumnType<unknown, string | null | undefined, string | null>;
  /** The target's definition when evaluated: a different key means the goal or link changed since. */
  spec_key: string | null;
  /** The observations' fingerprint the evaluation saw: a different one means it may be stale. */
  inputs_version: string | null;
  computed_at: Generated<Date>;
}

export interface UnitScoresCurrentTable {
  framework_code: string;
  framework_version: string;
  period: string;
  unit_id: number;
  kind: string;
  score: number;
  max: number;
  self_score: number;
  rank: number;
  groups: Json<Record<string, number>>;
  explain: Json<unknown>;
  computed_at: Generated<Date>;
}

export interface ScoringTables {
  scoring_frameworks: ScoringFrameworksTable;
  score_assessments: ScoreAssessmentsTable;
  target_status_current: TargetStatusCurrentTable;
  unit_scores_current: UnitScoresCurrentTable;
}
