/**
 * Canonical forms of unit names, so that every spelling of a name compares equal: NFC, lower case,
 * no diacritics (đ → d), no punctuation, single spaces, and the official long phrases contracted to
 * their usual abbreviations ("Ủy ban nhân dân" → "ubnd"). Contracting rather than expanding means a
 * typo inside an abbreviation (the seeds' OCR "HỘND" for "HĐND") stays a one-letter typo that edit
 * distance can forgive, instead of a short token facing a four-word phrase.
 */

/** Folds case, diacritics, HTML tags and punctuation: "Sở KH&CN" → "so kh va cn". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Long phrase (folded, "va" optional where officials drop it) → abbreviation. Order matters: longer
// phrases first so "phuc vu hanh chinh cong" wins over any shorter overlap.
const CONTRACTIONS: [RegExp, string][] = [
  [/\buy ban nhan dan\b/g, 'ubnd'],
  [/\bu ban nhan dan\b/g, 'ubnd'],
  [/\bhoi dong nhan dan\b/g, 'hdnd'],
  [/\bkhoa hoc (?:va )?cong nghe\b/g, 'khcn'],
  [/\bkh (?:va )?cn\b/g, 'khcn'],
  [/\bgiao duc (?:va )?dao tao\b/g, 'gddt'],
  [/\bgd (?:va )?dt\b/g, 'gddt'],
  [/\bnong nghiep (?:va )?moi truong\b/g, 'nnmt'],
  [/\bnn (?:va )?mt\b/g, 'nnmt'],
  [/\bthong tin (?:va )?truyen thong\b/g, 'tttt'],
  [/\bphat thanh (?:va )?truyen hinh\b/g, 'ptth'],
  [/\bphuc vu hanh chinh cong\b/g, 'pvhcc'],
  [/\bpv hcc\b/g, 'pvhcc'],
  [/\bmat tran to quoc(?: viet nam)?\b/g, 'mttq'],
  [/\bmttq viet nam\b/g, 'mttq'],
  [/\bto dan pho\b/g, 'tdp'],
  [/\btrung hoc co so\b/g, 'thcs'],
  [/\btrung hoc pho thong\b/g, 'thpt'],
  [/\bvan hoa xa hoi\b/g, 'vhxh'],
  [/\bvh xh\b/g, 'vhxh'],
  [/\bvan phong\b/g, 'vp'],
  [/\bthanh pho\b/g, 'tp'],
  [/\bha noi\b/g, 'hn'],
  [/\bcong an\b/g, 'ca'],
  [/\bquan ly\b/g, 'ql'],
  [/\bkhu cong nghiep\b/g, 'kcn'],
];

/**
 * The canonical form resolution compares: folded, then contracted.
 *
 * @example
 * canonicalUnitName('Văn phòng HĐND&UBND phường') // → 'vp hdnd va ubnd phuong'
 * canonicalUnitName('SỞ KHOA HỌC VÀ CÔNG NGHỆ')   // → 'so khcn'
 */
export function canonicalUnitName(text: string): string {
  return contractFolded(foldVietnamese(text));
}

/** The contraction step of `canonicalUnitName`, for callers that already hold the folded text. */
export function contractFolded(folded: string): string {
  let s = ` ${folded} `;
  for (const [pattern, abbreviation] of CONTRACTIONS) s = s.replace(pattern, abbreviation);
  return s.replace(/\s+/g, ' ').trim();
}

// Words that address a person or give an order before the unit's name ("Giao Sở …", "Đồng chí
// Giám đốc Sở …"). "truong" alone is not here: it also begins every school's name ("Trường …").
const LEADING_NOISE = [
  /^(?:giao|de nghi|yeu cau) /,
  /^dong chi /,
  /^(?:pho )?(?:giam doc|chu tich|thu truong|lanh dao|bi thu|chanh|truong phong|truong ban|can bo|chuyen vien) /,
];
// Qualifiers that place a unit in the city rather than name it ("… Thành phố Hà Nội").
const CITY_QUALIFIER = /(?: (?:tp|cua tp|tren dia ban tp))?(?: hn)?$/;

/** Removes leading forms of address ("Đồng chí", "Giao") from a canonical name. */
export function stripLeadingNoise(canonical: string): string {
  let s = canonical;
  for (const pattern of LEADING_NOISE) s = s.replace(pattern, '');
  return s;
}

/**
 * Removes a trailing city qualifier ("tp", "hn", "tp hn") from a canonical name; returns the name
 * unchanged when it has none or when nothing would remain.
 */
export function stripCityQualifier(canonical: string): string {
  const stripped = canonical.replace(CITY_QUALIFIER, '').trim();
  return stripped.length > 0 ? stripped : canonical;
}

/** Removes a trailing "phuong"/"xa" (the ward a document speaks of, left implicit). */
export function stripCommuneWord(canonical: string): string {
  const stripped = canonical.replace(/ (?:phuong|xa)$/, '').trim();
  return stripped.length > 0 ? stripped : canonical;
}
