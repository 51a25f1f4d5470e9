/**
 * Splits a table cell that lists units ("Thuế Thành phố, Thống kê Thành phố"; "Phòng Văn hóa - Xã
 * hội; Các phòng, ban, đơn vị liên quan"; two names run together by a lost line break, "Sở Y tế Sở
 * Khoa học và Công nghệ") into one name each, while keeping names that contain commas whole:
 * collective lists ("Sở, ban, ngành", "UBND xã, phường") and names such as "Phòng Kinh tế, Hạ tầng
 * và Đô thị". A comma starts a new name only when what follows begins like a unit's name does.
 */

// Words a unit's name begins with. Capitalised: in running text "ban", "xã" after a comma continue
// a collective list rather than start a unit.
const HEAD_WORDS = [
  'Sở', 'Ban', 'Phòng', 'Văn phòng', 'Trung tâm', 'Công an', 'UBND', 'Ủy ban', 'Uỷ ban', 'HĐND', 'Hội đồng',
  'Thuế', 'Cục', 'Chi cục', 'Thống kê', 'Ngân hàng', 'Hải quan', 'Kho bạc', 'Bảo hiểm', 'Đài', 'Báo', 'Viện',
  'Trường', 'Trạm', 'Tổ', 'Hội', 'Hiệp hội', 'Liên đoàn', 'Thành đoàn', 'Đoàn', 'Mặt trận', 'MTTQ', 'Thanh tra',
  'Bộ', 'Đảng ủy', 'Đảng uỷ', 'Thành ủy', 'Thành uỷ', 'Tòa án', 'Bệnh viện', 'Điện lực', 'Công ty', 'Tổng công ty',
  'Các', 'các', 'Chi nhánh',
];
const STARTS_A_UNIT = new RegExp(`^(?:${HEAD_WORDS.map(escapeRegExp).join('|')})(?=\\s|$|[,;&])`, 'u');
// "X và các đơn vị liên quan", "X và Trung tâm …": "và" joining two names, not inside one.
const JOINING_AND = /\s+và\s+(?=(?:các|Các|Sở|Trung tâm|Văn phòng|Phòng|Công an|Ban)\s)/u;
// A lost line break between two departments: "Sở Y tế Sở Khoa học và Công nghệ".
const RUN_TOGETHER_SO = /\s+(?=Sở\s+\p{Lu})/u;

/**
 * @example
 * splitUnitNames('Thuế Thành phố, Thống kê Thành phố') // → ['Thuế Thành phố', 'Thống kê Thành phố']
 * splitUnitNames('Sở, ban, ngành')                    // → ['Sở, ban, ngành']
 * splitUnitNames('<p>Sở Tài chính</p>')                // → ['Sở Tài chính']
 */
export function splitUnitNames(cell: string): string[] {
  const text = cell
    .normalize('NFC')
    .replace(/<br\s*\/?>|<\/(?:p|li|div)>/gi, ';')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\\n/g, ';');
  const names: string[] = [];
  for (const segment of text.split(/[;\n\r]+/)) {
    for (const byComma of splitOnCommas(segment)) {
      for (const byAnd of byComma.split(JOINING_AND)) {
        names.push(...splitRunTogether(byAnd));
      }
    }
  }
  return names.map(tidy).filter((n) => n !== '' && !/^(?:và|và các|các)$/iu.test(n));
}

function splitOnCommas(segment: string): string[] {
  const parts: string[] = [];
  for (const raw of segment.split(',')) {
    const part = raw.trim();
    const last = parts.length - 1;
    if (last >= 0 && !STARTS_A_UNIT.test(part)) parts[last] = `${parts[last]}, ${part}`;
    else parts.push(part);
  }
  return parts;
}

function splitRunTogether(name: string): string[] {
  const trimmed = name.trim();
  if (!trimmed.startsWith('Sở ')) return [trimmed];
  return trimmed.split(RUN_TOGETHER_SO);
}

function tidy(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .replace(/^[-–•*+.\s]+/, '')
    .replace(/[,;.:\s]+$/, '')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
