import { can, type AccessPrincipal, type SubtreeCheck } from '../access/authorize.ts';
import { mayActAs, type ProblemUnits } from './problem-states.ts';

/**
 * Who may see and who may erase a contact's personal data, by the problems' policy: a problem's
 * contact is shown to the proposing ward and the receiving agency, a solution proposal's to the
 * receiving agency only (docs/problems.md); erasing, like erasing a user's data, is a unit
 * administrator's act — over the proposing unit or the receiving agency for a problem's contact,
 * over the receiving agency for a proposer's (the city's administrators stand above both).
 */
export function mayReadContact(principal: AccessPrincipal, kind: 'problem' | 'solution', units: ProblemUnits, inSubtree: SubtreeCheck): boolean {
  if (kind === 'solution') return mayActAs(principal, 'agency', units, inSubtree);
  return mayActAs(principal, 'ward', units, inSubtree) || mayActAs(principal, 'agency', units, inSubtree);
}

export function mayEraseContact(principal: AccessPrincipal, kind: 'problem' | 'solution', units: ProblemUnits, inSubtree: SubtreeCheck): boolean {
  const over = kind === 'solution' ? [units.receiving] : [units.proposing, units.receiving];
  return over.some((unit) => can(principal, 'administer', unit, inSubtree));
}
