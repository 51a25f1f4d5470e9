import { ConflictError } from '../errors.ts';

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
  const refuse = (why: string) =>
    new ConflictError(`Không thể ${ACTION_VI[action]} báo cáo đang ở trạng thái "${STATE_VI[current.state]}": ${why} / cannot ${action} a ${current.state} report`);
  switch (action) {
    case 'edit':
    case 'submit':
      if (current.locked) throw refuse('kỳ báo cáo đã khóa');
      if (current.state !== 'draft' && current.state !== 'returned') throw refuse('chỉ sửa, gửi được bản nháp hoặc bản bị trả lại');
      return { state: action === 'edit' ? current.state : 'submitted', locked: false };
    case 'return':
      if (current.state !== 'submitted') throw refuse('chỉ trả lại được báo cáo đã gửi');
      return { state: 'returned', locked: false };
    case 'approve':
      if (current.state !== 'submitted') throw refuse('chỉ phê duyệt được báo cáo đã gửi');
      return { state: 'approved', locked: true };
    case 'unlock':
      if (!current.locked) throw refuse('kỳ báo cáo chưa khóa');
      return { state: 'returned', locked: false };
  }
}

export const STATE_VI: Record<SubmissionState, string> = {
  draft: 'Dự thảo',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  approved: 'Đã phê duyệt',
};

const ACTION_VI: Record<SubmissionAction, string> = {
  edit: 'sửa',
  submit: 'gửi',
  return: 'trả lại',
  approve: 'phê duyệt',
  unlock: 'mở khóa',
};
