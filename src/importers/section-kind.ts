// Section classification: what kind of items a heading's section holds, read from its first words.
import { fold } from '../domain/plans/text-folding.ts';

/** What a section holds: targets, tasks, or neither (principles, organisation, funding …). */
export type Context = 'target' | 'task' | 'other';

// Section kinds are read from the words a heading starts with; words further in ("… tầm nhìn dài
// hạn …") say nothing about the section.
export const LEAD_IN = String.raw`^(?:ve |cac |nhung )?`;
export const OTHER_SECTION = new RegExp(
  LEAD_IN +
    String.raw`(?:nguyen tac|quan diem|to chuc thuc hien|kinh phi|che do (?:thong tin|bao cao)|tam nhin|yeu cau|khung chuyen doi|co che dam bao|noi nhan|nguon luc|can cu|danh muc phan khuc|bieu mau|mau \d|trach nhiem|phan cong)`,
);
export const TARGET_SECTION = new RegExp(LEAD_IN + String.raw`(?:muc tieu|chi tieu|ket qua can dat|ket qua then chot|ket qua dau ra|kpi)`);
export const GENERAL_TARGET = /muc tieu (?:chung|tong quat)/;
export const TASK_SECTION = new RegExp(
  LEAD_IN + String.raw`(?:nhom )?(?:nhiem vu|giai phap|noi dung trong tam|noi dung chu yeu|danh muc (?:cong trinh|du an|de an|nhiem vu)|chuong trinh|du an|de an)`,
);

export const REFERS_TO_APPENDIX = /^\(?\s*(?:chi tiet|noi dung chi tiet|cu the)\s+(?:tai|theo|o)\s+phu luc/;

export function classify(title: string): { context: Context | null; specific: boolean; general: boolean } {
  const f = fold(title);
  const specific = /cu the|co ban|chi tiet|den (?:het )?(?:nam )?\d{4}/.test(f);
  if (TARGET_SECTION.test(f) && !/^muc tieu:/.test(f)) return { context: 'target', specific, general: GENERAL_TARGET.test(f) };
  if (OTHER_SECTION.test(f)) return { context: 'other', specific, general: false };
  if (TASK_SECTION.test(f)) return { context: 'task', specific, general: false };
  return { context: null, specific, general: false };
}
