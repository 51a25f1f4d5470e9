import { ConflictError } from '../errors.ts';
import { message, type MessageCode } from '../messages/message.ts';

export type SubmissionState = 'draft' | 'submitted' | 'returned' | 'approved';
export type SubmissionAction = 'edit' | 'submit' | 'return' | 'approve' | 'unlock';

export interface SubmissionStatus {
  state: SubmissionState;
  locked: boolean;
}

/**
 * The review cycle: a unit edits its draft (or a returned report) and submits it; the recipient
 * returns it with comments or approves it, which locks the period. Only an audited unlock reopens an
 * approved report, and it reopens it as returned so the unit can correct and resubmit.
 *
 * @example nextStatus({ state: 'submitted', locked: false }, 'approve') // { state: 'approved', locked: true }
 */
export function nextStatus(current: SubmissionStatus, action: SubmissionAction): SubmissionStatus {
  // The action and the report's state go with the refusal (as codes) for clients that act on them.
  const refuse = (why: MessageCode) => new ConflictError(message(why, { action, state: current.state }));
  switch (action) {
    case 'edit':
    case 'submit':
      if (current.locked) throw refuse('report.period_locked');
      if (current.state !== 'draft' && current.state !== 'returned') throw refuse('report.only_draft_or_returned_editable');
      return { state: action === 'edit' ? current.state : 'submitted', locked: false };
    case 'return':
      if (current.state !== 'submitted') throw refuse('report.only_submitted_returnable');
      return { state: 'returned', locked: false };
    case 'approve':
      if (current.state !== 'submitted') throw refuse('report.only_submitted_approvable');
      return { state: 'approved', locked: true };
    case 'unlock':
      if (!current.locked) throw refuse('report.period_not_locked');
      return { state: 'returned', locked: false };
  }
}

export const STATE_VI: Record<SubmissionState, string> = {
  draft: 'Dự thảo',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  approved: 'Đã phê duyệt',
};
