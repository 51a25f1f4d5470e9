import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewSolution {
  problemId: number;
  organisationName: string;
  organisationType: string;
  contactName: string;
  contactTitle: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  consentPurpose: string;
  consentedAt: Date;
  capability: string;
  approach: string;
  readiness: string | null;
  kpiCommitment: string;
  timeCommitment: string;
  costCommitment: string | null;
  conditions: string | null;
}

export interface SolutionRecord extends Omit<NewSolution, 'contactName'> {
  id: number;
  problemCode: string;
  contactName: string | null;
  state: string;
  reviewerNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  submittedAt: Date;
}

export async function insertSolution(trx: Db, s: NewSolution): Promise<number> {
  const r = await trx
    .insertInto('problem_solutions')
    .values({
      problem_id: s.problemId, organisation_name: s.organisationName, organisation_type: s.organisationType, contact_name: s.contactName,
      contact_title: s.contactTitle, contact_email: s.contactEmail, contact_phone: s.contactPhone, consent_purpose: s.consentPurpose,
      consented_at: s.consentedAt, capability: s.capability, approach: s.approach, readiness: s.readiness, kpi_commitment: s.kpiCommitment,
      time_commitment: s.timeCommitment, cost_commitment: s.costCommitment, conditions: s.conditions, submitted_at: s.consentedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function solutionQuery(db: Db) {
  return db.selectFrom('problem_solutions as s').innerJoin('problems as p', 'p.id', 's.problem_id').selectAll('s').select('p.code as problem_code');
}

type Row = Awaited<ReturnType<ReturnType<typeof solutionQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: Row): SolutionRecord {
  return {
    id: r.id, problemId: r.problem_id, problemCode: r.problem_code, organisationName: r.organisation_name, organisationType: r.organisation_type,
    contactName: r.contact_name, contactTitle: r.contact_title, contactEmail: r.contact_email, contactPhone: r.contact_phone,
    consentPurpose: r.consent_purpose, consentedAt: r.consented_at, capability: r.capability, approach: r.approach, readiness: r.readiness,
    kpiCommitment: r.kpi_commitment, timeCommitment: r.time_commitment, costCommitment: r.cost_commitment, conditions: r.conditions,
    state: r.state, reviewerNote: r.reviewer_note, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, submittedAt: r.submitted_at,
  };
}

export async function listSolutions(db: Db, problemId: number): Promise<SolutionRecord[]> {
  return (await solutionQuery(db).where('s.problem_id', '=', problemId).orderBy('s.id').execute()).map(toRecord);
}

export async function lockSolution(trx: Db, problemId: number, id: number): Promise<SolutionRecord | null> {
  await trx.selectFrom('problem_solutions').select('id').where('id', '=', id).forUpdate().execute();
  const r = await solutionQuery(trx).where('s.id', '=', id).where('s.problem_id', '=', problemId).executeTakeFirst();
  return r ? toRecord(r) : null;
}

export async function reviewSolution(
  trx: Db, id: number, review: { state: string; note: string | null; actor: string; at: Date; kpiCommitment?: string; timeCommitment?: string; costCommitment?: string | null },
): Promise<void> {
  await trx
    .updateTable('problem_solutions')
    .set({
      state: review.state, reviewer_note: review.note, reviewed_by: review.actor, reviewed_at: review.at,
      ...(review.kpiCommitment !== undefined ? { kpi_commitment: review.kpiCommitment } : {}),
      ...(review.timeCommitment !== undefined ? { time_commitment: review.timeCommitment } : {}),
      ...(review.costCommitment !== undefined ? { cost_commitment: review.costCommitment } : {}),
    })
    .where('id', '=', id)
    .execute();
}
