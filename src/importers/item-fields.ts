// Fields of one item: labelled lines ("Đơn vị chủ trì: …"), units named in a sentence, timing words.
import type { ParsedDue } from '../domain/plans/deadline.ts';
import { fold, squash } from '../domain/plans/text-folding.ts';
import { splitRoles, unitsBeforeVerb } from '../domain/plans/unit-list.ts';
import { collectText, directText, type OutlineNode } from './plan-outline.ts';

export interface Fields {
  lead: string[];
  partners: string[];
  due: string | null;
  result: string | null;
  product: string | null;
  count: number;
}

export type FieldKind = 'lead' | 'partners' | 'units' | 'due' | 'result' | 'product' | 'ignore';

export const UNIT_HEAD = /^(?:cac |moi )?(?:so|ban|ubnd|uy ban|cong an|trung tam|van phong|phong|thue|cuc|benh vien|tram|truong|doan|hoi|cong ty|ngan hang|bi thu|to |thu truong|giam doc|chu tich)\b/;

export function fieldKind(label: string): FieldKind | null {
  const f = fold(label).replace(/[*_]/g, '').trim();
  if (f.length > 70) return null;
  if (/noi dung|ket qua can dat|ket qua then chot|nhiem vu/.test(f)) return null;
  if (!/^(?:don vi|co quan|chu tri|phoi hop|thoi han|thoi gian|tien do|san pham|ket qua|yeu cau|nguon luc|muc tieu|kinh phi|ghi chu|nguoi|dau moi|trach nhiem)/.test(f)) return null;
  const lead = /chu tri|dau moi/.test(f);
  const partners = /phoi hop/.test(f);
  if (lead && partners) return 'units';
  if (partners) return 'partners';
  if (lead) return 'lead';
  if (/^(?:don vi|co quan)(?:\/nguoi)?\s+thuc hien$|^don vi thuc hien|^co quan thuc hien/.test(f)) return 'units';
  if (/thoi han|thoi gian (?:thuc hien|hoan thanh)|tien do/.test(f)) return 'due';
  if (/san pham/.test(f)) return 'product';
  if (/^ket qua\b|yeu cau toi thieu|ket qua du kien/.test(f)) return 'result';
  if (/^(?:muc tieu|nguon luc|kinh phi|ghi chu)/.test(f)) return 'ignore';
  return null;
}

export function splitField(text: string): { kind: FieldKind; value: string } | null {
  const m = /^([^:]{2,80}):\s*(.*)$/su.exec(text.replace(/\*/g, ''));
  if (!m?.[1]) return null;
  const kind = fieldKind(m[1]);
  return kind ? { kind, value: (m[2] ?? '').trim() } : null;
}

/** Cuts a sentence about a unit down to the unit's name ("Sở A chủ trì đối với …" → "Sở A"). */
export function cutAtRole(text: string): string {
  const m = /,?\s(?:tổ chức thực hiện|tổ chức triển khai|chủ trì|phối hợp|thực hiện|tham mưu|chịu trách nhiệm|có trách nhiệm|theo dõi|triển khai|theo chức năng|chủ động|\()/iu.exec(text);
  return (m ? text.slice(0, m.index) : text).replace(/[:;.,]+$/, '').trim();
}

/**
 * Timing stated in a task's own words when it names no period: "Thường xuyên …", "thực hiện
 * thường xuyên", a sentence "Nhiệm vụ thường xuyên" (recurring); "trong vòng 05 ngày làm việc kể từ …", "ngay sau khi …" (conditional).
 */
export function taskTiming(title: string): ParsedDue | null {
  const f = fold(title);
  const relative = /trong vong \d+ (?:ngay|thang|tuan)(?: lam viec)? (?:ke tu|tinh tu)[^.;]*/.exec(f) ?? /(?:^|[.;:]\s*)(?:[\p{L} ]{0,20})?(?:ngay )?sau khi\b[^.;]*/u.exec(f);
  if (relative) return { raw: squash(title.slice(relative.index, relative.index + relative[0].length)).replace(/^[.;:\s]+/, ''), kind: 'conditional', start: null, end: null };
  const recurring =
    /^(?:thuong xuyen|dinh ky|hang nam|hang quy|hang thang)\b|(?:thuc hien|trien khai|duy tri) (?:thuong xuyen|dinh ky|hang nam)/.exec(f) ??
    // A sentence of its own that states the timing ("… . Nhiệm vụ thường xuyên; …", "(Thường xuyên)");
    // "các nhiệm vụ thường xuyên của ngành" inside a sentence only describes the work.
    /(?<=[.;:(]\s*)(?:nhiem vu thuong xuyen\b|thuong xuyen\s*(?=[.;)]|$))/.exec(f);
  if (recurring) return { raw: squash(title.slice(recurring.index, recurring.index + recurring[0].length)), kind: 'recurring', start: null, end: null };
  return null;
}

/** The unit names at the end of a lead-in ("Nâng cao năng lực số …, trong đó, Sở A" → "Sở A"). */
export function unitsPart(text: string): string {
  const afterMarker = text.split(/trong đó,?|:/iu).pop() ?? text;
  const parts = afterMarker.split(',').map((p) => p.trim());
  const first = parts.findIndex((p) => UNIT_HEAD.test(fold(p)));
  return (first > 0 ? parts.slice(first) : parts).join(', ').trim();
}

export function roleSplit(value: string): { lead: string[]; partners: string[] } {
  const roles = splitRoles(value);
  return { lead: [...roles.lead, ...roles.unlabelled.map(cutAtRole)], partners: roles.partners.map(cutAtRole) };
}

// A unit's name as a sentence's subject: its head word and a capitalised name ("Sở Xây dựng", not
// "Ban hành", "Tổ chức", "Mỗi UBND quận").
const OPENING_UNIT = /^(?:Sở|Bộ|Cục|Chi cục|Ban|Trung tâm|Văn phòng|Công an|UBND|Ủy ban nhân dân|Kho bạc|Thuế)\s+\p{Lu}/u;

/** "Sở A chủ trì, Sở B phối hợp triển khai …" at the start of a task names its units. */
export function leadInSentence(text: string): { lead: string[]; partners: string[] } | null {
  const head = text.slice(0, 200);
  const f = fold(head);
  if (!UNIT_HEAD.test(f)) return null;
  const lead = /\schu tri\b/.exec(f);
  const colon = /^([^:]{3,80}):/.exec(head);
  if (!lead && colon?.[1] && UNIT_HEAD.test(fold(colon[1]))) {
    // "Sở A: Chủ động phối hợp …" names a coordinating unit, not the lead.
    const coordinates = /^\s*(?:chu dong\s+)?phoi hop\b/.test(fold(head.slice(colon[0].length)));
    return coordinates ? { lead: [], partners: [colon[1]] } : { lead: [colon[1]], partners: [] };
  }
  if (!lead) {
    // "Sở A thúc đẩy …": the unit the sentence opens with does the work.
    const opener = unitsBeforeVerb(head);
    const named = opener && opener.length <= 60 && !/[.;:]/.test(opener) && OPENING_UNIT.test(opener);
    return named ? { lead: [opener], partners: [] } : null;
  }
  const leadText = head.slice(0, lead.index);
  const after = head.slice(lead.index + ' chủ trì'.length).replace(/^[,;\s]+/, '');
  // "Sở A chủ trì, phối hợp với Sở B triển khai …": the partner follows the role words.
  const withPartner = /^phoi hop (?:voi|cung)\s+/.exec(fold(after));
  if (withPartner) return { lead: [leadText], partners: [after.slice(withPartner[0].length)] };
  const partner = /\sphoi hop\b/.exec(fold(after));
  return { lead: [leadText], partners: partner ? [after.slice(0, partner.index)] : [] };
}

/** The labelled fields under a heading ("Đơn vị chủ trì: …", "Thời hạn: …"), with their own bullets. */
export function fieldsOf(node: OutlineNode): Fields {
  const fields: Fields = { lead: [], partners: [], due: null, result: null, product: null, count: 0 };
  for (const child of node.children) {
    if (child.body || child.table) continue;
    const text = child.num ? child.num.rest : child.text;
    const field = splitField(text);
    if (!field) continue;
    fields.count++;
    // Who leads is said by the field and its own bullets; deeper bullets describe their duties.
    const unitKinds = field.kind === 'lead' || field.kind === 'partners' || field.kind === 'units';
    const childTexts = unitKinds ? directText(child) : collectText(child);
    const value = [field.value, ...childTexts].filter(Boolean).join('; ');
    switch (field.kind) {
      case 'lead': {
        // "Đơn vị chủ trì: Sở A chủ trì; Sở B phối hợp" names both roles despite its label.
        const roles = roleSplit(value);
        const named = roles.lead.filter((l) => UNIT_HEAD.test(fold(l.trim())));
        fields.lead.push(...(named.length ? named : roles.lead));
        fields.partners.push(...roles.partners);
        break;
      }
      case 'partners':
        fields.partners.push(...[field.value, ...childTexts].filter(Boolean).map(cutAtRole));
        break;
      case 'units': {
        const roles = roleSplit(value);
        fields.lead.push(...roles.lead);
        fields.partners.push(...roles.partners);
        break;
      }
      case 'due':
        fields.due = value;
        break;
      case 'result':
        fields.result = value;
        break;
      case 'product':
        fields.product = value;
        break;
      default:
        break;
    }
  }
  return fields;
}
