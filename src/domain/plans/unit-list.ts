import { fold, squash } from './text-folding.ts';

/** One unit name as written in a list, before resolution. */
export interface WrittenUnit {
  name: string;
  /** Denotes a set ("Sở, ban, ngành", "các đơn vị liên quan"), never one unit. */
  collective: boolean;
}

// Generic heads that form collectives with the lowercase words after them ("Sở, ban, ngành").
const GENERIC_HEAD = /^(?:cac |moi |nhung )?(?:so|ban|nganh|phong|co quan|don vi|to chuc|doan the|doanh nghiep|truong|xa|phuong|quan|huyen|thi xa)$/;
const ADMIN_TAIL = /^(?:ban|nganh|xa|phuong|thi tran|quan|huyen|thi xa|don vi|doan the|dia phuong)\b/;
// Heads that start a new unit even without a comma ("Sở Y tế Sở Khoa học và Công nghệ").
const SPLIT_HEADS = /(?<!Văn|&|của|thuộc|và)\s(?=(?:Sở|Công an|Trung tâm|Ban Quản lý|Bệnh viện|Thuế|Cục|Kho bạc|Ngân hàng|Công ty|Hiệp hội|Phòng|Văn phòng|Trạm)\s\p{Lu})/gu;
// Words that begin a unit's name; a comma part starting otherwise continues the name before it
// ("Phòng Kinh tế, Hạ tầng và Đô thị" is one office).
const NAME_HEAD =
  /^(?:cac|moi|nhung|toan|tat|so|phong|van phong|ban|trung tam|cong an|ubnd|ub|uy ban|thue|thong ke|cuc|chi cuc|tong cuc|benh vien|tram|truong|ngan hang|cong ty|hiep hoi|hoi|doan|vien|kho bac|bao hiem|hai quan|lien doan|mat tran|dai|bao|to|dang uy|thanh uy|quan uy|huyen uy|quy|toa an|bo|chi nhanh|khu|hdnd|hoi dong|chu tich|pho chu tich|giam doc|thu truong|bi thu|lanh dao|ca nhan|doanh nghiep|nguoi|co quan|don vi|to chuc|nganh|xa|phuong|tap doan|tong cong ty|vnpt|viettel|mttq|bch|bo chi huy|ct-xh|can bo|cong chuc|vp)\b/;
// A collective complete in itself ("đơn vị liên quan", "các cơ quan có liên quan").
const STANDALONE_COLLECTIVE = /^(?:cac\s+)?(?:don vi|co quan|to chuc|dia phuong)(?:\s+(?:khac|co))?\s+lien quan$/;
// Verbs (lower case, as in running text) that end a unit list in a sentence ("Sở A thúc đẩy …",
// "phối hợp với Sở B hoàn thành …"). Words that also occur inside names ("đầu tư xây dựng",
// "quản lý", "kiểm tra") are not here.
const VERB_TAIL = /\s(?:thúc đẩy|hoàn thành|triển khai|hướng dẫn|rà soát|ban hành|bảo đảm|đảm bảo|số hóa|số hoá|cập nhật|nâng cấp|vận hành|đôn đốc|chỉ đạo|tổng hợp|báo cáo|tổ chức thực hiện)(?=[\s,.;]|$)/u;
/**
 * The units a sentence opens with when a verb follows them ("Sở A thúc đẩy …" → "Sở A"); null when
 * no such verb comes within a name's length.
 */
export function unitsBeforeVerb(text: string): string | null {
  const tail = VERB_TAIL.exec(text.slice(0, 160));
  if (!tail || tail.index === 0) return null;
  return text.slice(0, tail.index).trim();
}

const ROLE_SUFFIX = /\s*(?:chủ trì|phối hợp|thực hiện|tham mưu|chịu trách nhiệm|theo dõi)(?:\s.*)?$/iu;

function isCollective(name: string): boolean {
  const f = fold(name);
  return (
    /^(?:cac|moi|nhung|toan bo|tat ca)\s/.test(f) ||
    /lien quan|,/.test(f) ||
    /^(?:so|ban|nganh|so nganh)(?:\s+(?:thanh pho|tp))?$/.test(f) ||
    /\bcap (?:xa|huyen|tinh)\b|\bcac cap\b/.test(f) ||
    /^(?:ubnd|uy ban nhan dan)\s+(?:cac|xa, phuong|phuong, xa)/.test(f) ||
    /^(?:so|cac so), ban, nganh/.test(f)
  );
}

function cleanName(text: string): string {
  let name = squash(text.replace(/<[^>]*>/g, ' '))
    .replace(/^[-+•*–\s]+/, '')
    .replace(/^(?:đơn vị|cơ quan)?\s*(?:chủ trì|phối hợp|thực hiện)\s*:\s*/iu, '')
    .replace(/[.;:,]+$/, '')
    .trim();
  const suffix = ROLE_SUFFIX.exec(name);
  if (suffix && suffix.index > 0) name = name.slice(0, suffix.index).trim();
  return name.replace(/[.;:,]+$/, '').trim();
}

/**
 * Splits a cell or sentence listing units into unit names. Commas and semicolons separate units
 * except inside collectives ("Sở, ban, ngành", "các phòng, ban, đơn vị liên quan", "UBND các xã,
 * phường"); "và" never separates ("Sở Khoa học và Công nghệ" is one unit); a new head word starts a
 * new unit even without a comma ("Sở Y tế Sở Khoa học và Công nghệ" is two). Never throws.
 *
 * @example splitUnitList('Thuế Thành phố, Thống kê Thành phố') // two units
 */
export function splitUnitList(input: string | null | undefined): WrittenUnit[] {
  if (!input) return [];
  const bounded = input.length > 5000 ? input.slice(0, 5000) : input;
  const tail = VERB_TAIL.exec(bounded);
  const text = (tail && tail.index > 0 ? bounded.slice(0, tail.index) : bounded)
    .replace(/<\/(?:p|li|div)>|<br\s*\/?>|\n/gi, ';')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\([^()]*\)/g, ' ');
  const out: WrittenUnit[] = [];
  // "… và các đơn vị có liên quan" starts a second, collective unit; other "và" join one name.
  for (const segment of text.split(/;|\s+và\s+(?=(?:các|những)\s|(?:Sở|Ban|Công an|Trung tâm|UBND|Văn phòng|Phòng)\s\p{Lu})/u)) {
    const parts = segment.split(',');
    const merged: string[] = [];
    for (const partRaw of parts) {
      const part = partRaw.trim();
      if (!part) continue;
      const prev = merged[merged.length - 1];
      const startsLower = /^\p{Ll}/u.test(part);
      if (prev !== undefined && !startsLower && !NAME_HEAD.test(fold(part)) && /^\p{Lu}/u.test(part)) {
        merged[merged.length - 1] = `${prev}, ${part}`;
        continue;
      }
      if (prev !== undefined && startsLower) {
        const prevF = fold(prev.split(',').pop()?.trim() ?? '');
        const partF = fold(part);
        // "Sở Khoa học và Công nghệ, đơn vị liên quan": after one named unit, a whole collective is a
        // unit of its own; after a list of kinds ("Các Sở, ngành, đơn vị liên quan") it ends the list.
        const ownCollective = !/,/.test(prev) && !GENERIC_HEAD.test(prevF) && STANDALONE_COLLECTIVE.test(partF);
        if (!ownCollective && (GENERIC_HEAD.test(prevF) || ADMIN_TAIL.test(partF) || /,/.test(prev))) {
          merged[merged.length - 1] = `${prev}, ${part}`;
          continue;
        }
      }
      merged.push(part);
    }
    for (const m of merged) {
      const pieces = /,/.test(m) && isCollective(m) ? [m] : m.split(SPLIT_HEADS);
      for (const piece of pieces) {
        const name = cleanName(piece);
        if (!name || !/\p{L}/u.test(name) || name.length > 200) continue;
        if (/^(?:và|với|cùng)$/iu.test(name)) continue;
        out.push({ name, collective: isCollective(name) });
      }
    }
  }
  return out;
}

// A role word either labels the units after it ("Chủ trì: Sở A", "phối hợp với Sở B") or names the
// role of the units before it ("Sở A chủ trì"); group 1 is the role, group 2 is set for a label.
const ROLE_WORD = /(?<![\p{L}\p{N}])(?:(?:don vi|co quan|nguoi)\s+)?(chu tri|phoi hop)(?![\p{L}\p{N}])((?:[^:,;.]{0,30}:)|\s+(?:voi|cung)(?![\p{L}\p{N}]))?/gu;
const EDGE_PUNCTUATION = /^[\s,;.:\-–+•*]+|[\s,;.:\-–+•*]+$/g;

/**
 * Reads who leads and who coordinates from a units sentence. Role words may follow the units ("Sở A
 * chủ trì; Sở B, Sở C phối hợp", "Sở A chủ trì, Sở B phối hợp"), precede them as labels ("Chủ trì:
 * Sở A - Phối hợp: Sở B") or both ("Sở A chủ trì, phối hợp với Sở B"). A part after a label keeps
 * that label ("Phối hợp: Sở B; các trường học"); parts without a role go to `unlabelled`. Never throws.
 *
 * @example splitRoles('Sở A chủ trì, phối hợp với Sở B') // { lead: ['Sở A'], partners: ['Sở B'], unlabelled: [] }
 */
export function splitRoles(input: string): { lead: string[]; partners: string[]; unlabelled: string[] } {
  const lead: string[] = [];
  const partners: string[] = [];
  const unlabelled: string[] = [];
  const text = input.replace(/<[^>]*>/g, ' ');
  let current: string[] | null = null;
  for (const clause of text.split(/;|\.\s/u)) {
    const c = clause.trim();
    if (!c) continue;
    const f = fold(c);
    let cursor = 0;
    let label: string[] | null = null;
    let marked = false;
    for (const m of f.matchAll(ROLE_WORD)) {
      const role = m[1] === 'chu tri' ? lead : partners;
      const before = c.slice(cursor, m.index).replace(EDGE_PUNCTUATION, '');
      // After a role word, only a unit name starts a new role ("Sở A chủ trì, Sở B phối hợp"); other
      // words continue the first role's duties ("Sở A chủ trì trong lĩnh vực … và phối hợp …").
      const names = before && (!marked || label !== null || NAME_HEAD.test(fold(before)));
      if (names) {
        // Units before a label belong to the previous label, else they have no role of their own.
        if (m[2] !== undefined) (label ?? (marked ? null : current) ?? unlabelled).push(before);
        else role.push(before);
      }
      label = m[2] !== undefined ? role : null;
      marked = true;
      cursor = m.index + m[0].length;
    }
    const rest = c.slice(cursor).replace(EDGE_PUNCTUATION, '');
    if (!marked) {
      (current ?? unlabelled).push(c);
      continue;
    }
    if (label) {
      if (rest) label.push(rest);
      current = label;
    } else if (rest && /^[,;]/.test(c.slice(cursor).trim()) && /^\p{Lu}/u.test(rest) && NAME_HEAD.test(fold(rest))) {
      // "Sở A chủ trì, Sở B" — a unit after a role with no role of its own.
      unlabelled.push(rest);
    }
  }
  return { lead, partners, unlabelled };
}
