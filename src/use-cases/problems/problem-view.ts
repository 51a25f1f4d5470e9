import type { ProblemRecord, TransitionRecord } from '../../repositories/problems.repository.ts';

/** A problem as the API answers it; `contact` only for the proposing ward and the receiving agency. */
export interface ProblemView {
  code: string;
  name: string;
  fields: string[];
  problem: string;
  currentHandling: string;
  managementNeed: string;
  pilotScope: string;
  dataAvailable: string | null;
  dataInputs: string | null;
  outputStandards: string | null;
  sandboxConditions: string | null;
  resources: string | null;
  proposingUnit: { code: string; name: string };
  receivingUnit: { code: string; name: string };
  state: string;
  scaleClass: string | null;
  priority: string;
  areaType: string | null;
  mergedInto: string | null;
  classified: boolean;
  createdAt: string;
  updatedAt: string;
  contact: ProblemRecord['contact'] | null;
}

export function problemView(p: ProblemRecord, withContact: boolean): ProblemView {
  return {
    code: p.code, name: p.name, fields: p.fields, problem: p.problem, currentHandling: p.currentHandling, managementNeed: p.managementNeed,
    pilotScope: p.pilotScope, dataAvailable: p.dataAvailable, dataInputs: p.dataInputs, outputStandards: p.outputStandards,
    sandboxConditions: p.sandboxConditions, resources: p.resources, proposingUnit: { code: p.proposingUnit, name: p.proposingUnitName },
    receivingUnit: { code: p.receivingUnit, name: p.receivingUnitName }, state: p.state, scaleClass: p.scaleClass, priority: p.priority,
    areaType: p.areaType, mergedInto: p.mergedInto, classified: p.classified, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
    contact: withContact ? p.contact : null,
  };
}

export function transitionView(t: TransitionRecord) {
  return { from: t.from, to: t.to, actor: t.actor, note: t.note, at: t.at.toISOString(), evidence: t.evidence };
}

/** What the audit chain keeps of a problem: no contact details (personal data stays out of it). */
export function auditedProblem(p: { code: string; name: string; fields: string[]; state: string; proposingUnit?: string }) {
  return { code: p.code, name: p.name, fields: p.fields, state: p.state, proposingUnit: p.proposingUnit };
}
