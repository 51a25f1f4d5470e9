import { problem, type Problem } from '../errors.ts';
import { monthIndex } from './difference-in-differences.ts';
import { message } from '../messages/message.ts';

export const PILOT_STATES = ['planned', 'running', 'finished'] as const;
export type PilotState = (typeof PILOT_STATES)[number];

/** A pilot with comparison, as use cases and the API see it. */
export interface Pilot {
  code: string;
  title: string;
  problemCode: string | null;
  indicators: string[];
  treatedUnits: string[];
  comparisonUnits: string[];
  /** First month, "YYYY-MM". */
  start: string;
  /** Last month measured, "YYYY-MM"; null while open-ended. */
  end: string | null;
  state: PilotState;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The fields a person writes (create: all but the optional ones; update: any of them). */
export interface PilotFields {
  code?: unknown;
  title?: unknown;
  problemCode?: unknown;
  indicators?: unknown;
  treatedUnits?: unknown;
  comparisonUnits?: unknown;
  start?: unknown;
  end?: unknown;
  state?: unknown;
}

export type ValidPilotFields = Pick<Pilot, 'code' | 'title' | 'problemCode' | 'indicators' | 'treatedUnits' | 'comparisonUnits' | 'start' | 'end' | 'state'>;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MAX_UNITS_PER_GROUP = 200;

/**
 * Checks a pilot's fields on their own (the registry checks — do these units and indicators exist —
 * are the use case's): codes, a title, at least one indicator, at least one unit in each group and
 * no unit in both, months as "YYYY-MM" with the end not before the start. Answers the cleaned pilot
 * or the problems, each naming its field.
 *
 * @example
 * checkPilotFields({ code: 'TD-01', title: 'Một cửa số', indicators: ['DVC'], treatedUnits: ['P_A'], comparisonUnits: ['P_A'], start: '2026-03' });
 * // → { problems: [{ field: 'comparisonUnits', message: message('pilot.unit_in_both_treated_and', { u: 'P_A' }) }] }
 */
export function checkPilotFields(input: PilotFields): { pilot: ValidPilotFields } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const text = (field: string, value: unknown, max: number): string => {
    const s = typeof value === 'string' ? value.normalize('NFC').trim() : '';
    if (s === '' || s.length > max || s.includes('\u0000')) problems.push(problem({ field }, message('pilot.text_of_characters_without_nul', { max })));
    return s;
  };
  const codes = (field: string, value: unknown, min: number): string[] => {
    if (!Array.isArray(value) || value.length < min || value.length > MAX_UNITS_PER_GROUP || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
      problems.push(problem({ field }, message('pilot.list_of_codes_required', { min, MAX_UNITS_PER_GROUP })));
      return [];
    }
    const list = [...new Set((value as string[]).map((v) => v.normalize('NFC').trim()))];
    return list;
  };
  const code = text('code', input.code, 64);
  if (code && !CODE.test(code)) problems.push(problem({ field: 'code' }, message('pilot.letters_digits_only')));
  const title = text('title', input.title, 500);
  let problemCode: string | null = null;
  if (input.problemCode !== undefined && input.problemCode !== null) problemCode = text('problemCode', input.problemCode, 64);
  const indicators = codes('indicators', input.indicators, 1);
  const treatedUnits = codes('treatedUnits', input.treatedUnits, 1);
  const comparisonUnits = codes('comparisonUnits', input.comparisonUnits, 1);
  for (const u of comparisonUnits) {
    if (treatedUnits.includes(u)) problems.push(problem({ field: 'comparisonUnits' }, message('pilot.unit_in_both_treated_and', { u })));
  }
  const start = typeof input.start === 'string' ? input.start.trim() : '';
  if (monthIndex(start) === null) problems.push(problem({ field: 'start' }, message('pilot.month_as_yyyy_mm_required')));
  let end: string | null = null;
  if (input.end !== undefined && input.end !== null) {
    end = typeof input.end === 'string' ? input.end.trim() : '';
    const e = monthIndex(end);
    if (e === null) problems.push(problem({ field: 'end' }, message('pilot.month_as_yyyy_mm_required')));
    else if (monthIndex(start) !== null && e < monthIndex(start)!) problems.push(problem({ field: 'end' }, message('pilot.end_before_start')));
  }
  const state = input.state === undefined ? 'planned' : input.state;
  if (!(PILOT_STATES as readonly unknown[]).includes(state)) problems.push(problem({ field: 'state' }, message('pilot.one_of', { PILOT_STATES: PILOT_STATES.join(', ') })));
  if (problems.length) return { problems };
  return { pilot: { code, title, problemCode, indicators, treatedUnits, comparisonUnits, start, end, state: state as PilotState } };
}

/** Every unit of a pilot, treated first. */
export function pilotUnits(pilot: Pick<Pilot, 'treatedUnits' | 'comparisonUnits'>): string[] {
  return [...pilot.treatedUnits, ...pilot.comparisonUnits];
}
