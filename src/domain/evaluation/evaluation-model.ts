/**
 * The revision of the evaluation model: the forecaster, the pMiss calibration table, the status rules
 * and the reason's words — everything besides a target and its figures that decides what its
 * evaluation says. It is part of a stored evaluation's key (target-snapshots.ts), so after an upgrade
 * that changes what evaluations say, the snapshots of the old model no longer hold: the first read
 * computes them again instead of serving the old model's pMiss and status until the next daily run.
 *
 * evaluation-model.test.ts records the model's answers on a fixed set of series for each revision and
 * fails when they change while the revision stays the same: a refitted calibration table or a new
 * forecast model then needs a new revision, and the test says so.
 */
export const EVALUATION_MODEL_REVISION = '2026-12-05.1';
