import { renderMessage, type Lang } from '../domain/messages/message.ts';
import type { DraftWarning, PlanDraft } from './draft.ts';

/**
 * A draft's warnings as answered to a reader: each `message` said in `lang` from its catalogued
 * code, so an English page lists English warnings beside the items. A warning without one (stored
 * before warnings had codes, in a form the migration could not read) keeps its stored text.
 *
 * @example
 * draftWarningsIn([{ line: 12, code: 'missing_lead', message: 'Nhiệm vụ chưa có đơn vị chủ trì', said: message('plan_draft.task_missing_lead') }], 'en')
 * // → [{ line: 12, code: 'missing_lead', message: 'The task has no lead unit', said: … }]
 */
export function draftWarningsIn(warnings: readonly DraftWarning[], lang: Lang): DraftWarning[] {
  return warnings.map((w) => (w.said ? { ...w, message: renderMessage(w.said, lang) } : w));
}

/** The draft with its warnings said in `lang`. */
export function draftIn<D extends Pick<PlanDraft, 'warnings'>>(draft: D, lang: Lang): D {
  return { ...draft, warnings: draftWarningsIn(draft.warnings, lang) };
}
