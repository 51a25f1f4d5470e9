import type { AppContext } from '../../app-context.ts';
import { listProblemRecords } from '../../repositories/problems.repository.ts';
import { checkProblemFilter } from './list-problems.ts';

/** What the open catalogue shows of a problem: no contacts, no internal notes, nothing classified. */
export interface PublicProblem {
  code: string;
  name: string;
  fields: string[];
  problem: string;
  managementNeed: string;
  pilotScope: string;
  dataInputs: string | null;
  outputStandards: string | null;
  sandboxConditions: string | null;
  scaleClass: string | null;
  areaType: string | null;
  receivingUnit: { code: string; name: string };
}

/** The published problems, open to everyone, inviting solutions (step 4). */
export async function listPublicProblems(ctx: AppContext, q: { field?: string; areaType?: string } = {}): Promise<{ problems: PublicProblem[] }> {
  checkProblemFilter(q);
  const rows = await listProblemRecords(ctx.db, { ...q, states: ['published'] });
  return {
    problems: rows.filter((r) => !r.classified).map((r) => ({
      code: r.code, name: r.name, fields: r.fields, problem: r.problem, managementNeed: r.managementNeed, pilotScope: r.pilotScope,
      dataInputs: r.dataInputs, outputStandards: r.outputStandards, sandboxConditions: r.sandboxConditions, scaleClass: r.scaleClass,
      areaType: r.areaType, receivingUnit: { code: r.receivingUnit, name: r.receivingUnitName },
    })),
  };
}
