import { isMessageCode, message, renderMessage, type Lang, type Message } from '../messages/message.ts';
import { parsePeriod, periodLabel } from '../periods/period.ts';
import type { CriterionScore } from './score.ts';

/**
 * A score explanation's message in `lang`. Its `period` parameter is a period code ("2026-03"),
 * named as officials name it in that language ("Tháng 3/2026", "March 2026"); its `by` parameter is
 * the recorded actor of an assessment ("user:7"), named by `nameOf` (the person's name as the users
 * table holds it now, so an erased person is never named from a stored snapshot).
 *
 * @example
 * explainMessageIn(message('score.source.own_in', { indicator: 'HS_TT', period: '2026-03' }), 'vi') // 'HS_TT, Tháng 3/2026, số liệu của đơn vị'
 * explainMessageIn(message('score.source.appraised_by', { by: 'user:7' }), 'vi', () => 'Nguyễn Thị Lan') // '… Nguyễn Thị Lan …'
 */
export function explainMessageIn(m: Message, lang: Lang, nameOf?: (actor: string) => string): string {
  const params: Record<string, string | number> = { ...m.params };
  const period = typeof params.period === 'string' ? parsePeriod(params.period) : null;
  if (period) params.period = periodLabel(period, lang);
  if (nameOf && typeof params.by === 'string') params.by = nameOf(params.by);
  return renderMessage(message(m.code, params), lang);
}

/** The actors an explanation names (assessments' `by`), to look their names up once. */
export function actorsNamedIn(lines: readonly Pick<CriterionScore, 'reason' | 'source'>[]): string[] {
  return [...new Set(lines.flatMap((l) => [l.reason.params.by, l.source.params.by]).filter((by): by is string => typeof by === 'string'))];
}

/** A criterion's explanation as answered to a reader: `reason` and `source` in their words, with the codes behind them. */
export type CriterionScoreWords = Omit<CriterionScore, 'reason' | 'source'> & {
  reason: string;
  source: string;
  said: { reason: Message; source: Message };
};

export function criterionScoreIn(line: CriterionScore, lang: Lang, nameOf?: (actor: string) => string): CriterionScoreWords {
  return { ...line, reason: explainMessageIn(line.reason, lang, nameOf), source: explainMessageIn(line.source, lang, nameOf), said: { reason: line.reason, source: line.source } };
}

/**
 * A reason or source as stored in a score snapshot. Rows written before explanations were codes
 * hold text: the migration that introduced codes converted the texts it knew, and any other text is
 * shown as it was (`score.explain.text`) rather than lost.
 */
export function storedExplainMessage(value: unknown): Message {
  if (typeof value === 'string') return message('score.explain.text', { text: value });
  if (value && typeof value === 'object' && 'code' in value && typeof value.code === 'string' && isMessageCode(value.code)) {
    const params = 'params' in value && value.params && typeof value.params === 'object' ? (value.params as Message['params']) : {};
    return message(value.code, params);
  }
  return message('score.explain.text', { text: '' });
}
