import type { DocumentModel } from '../../importers/document-model.ts';
import type { UnitResolution } from '../../domain/units/unit.ts';

/** How many opening paragraphs hold the issuer's header ("ỦY BAN NHÂN DÂN / PHƯỜNG VĨNH TUY"). */
const HEADER_PARAGRAPHS = 15;
/** Commune names run to four syllables at most ("Đông Anh", "Hoàn Kiếm", "Phú Thượng"…). */
const MAX_NAME_WORDS = 4;

const ISSUER = /(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+(phường|xã)\s+((?:[\p{L}\p{N}]+\s*){1,6})/giu;

/**
 * The commune (ward) that issued a plan: its `issuer` as the header reader found it ("UBND phường
 * Vĩnh Tuy"), or, when the header names no issuer, the first "UBND phường/xã …" in the opening
 * paragraphs that resolves to exactly one commune. Returns its registry code, or null for a city or
 * agency plan (an issuer that is not a commune's people's committee is never second-guessed). Words after the name are trimmed one by one until a commune
 * matches, because the header often runs on ("UBND phường Vĩnh Tuy xây dựng Kế hoạch…").
 *
 * @example
 * detectOwnerCommune(model, (n) => resolver.resolve(n)) // 'HN_P_VINH_TUY'
 */
export function detectOwnerCommune(
  model: DocumentModel,
  resolve: (name: string) => UnitResolution,
  issuer: string | null = null,
): string | null {
  if (issuer !== null) return communeNamedIn(issuer, resolve);
  const header = model.blocks
    .filter((b) => b.type === 'paragraph')
    .slice(0, HEADER_PARAGRAPHS)
    .map((b) => b.text)
    .join(' ');
  return communeNamedIn(header, resolve);
}

function communeNamedIn(text: string, resolve: (name: string) => UnitResolution): string | null {
  for (const match of text.normalize('NFC').matchAll(ISSUER)) {
    const kind = (match[1] ?? '').toLowerCase();
    const words = (match[2] ?? '').trim().split(/\s+/).slice(0, MAX_NAME_WORDS);
    for (let n = words.length; n >= 1; n--) {
      const resolution = resolve(`${kind} ${words.slice(0, n).join(' ')}`);
      const best = resolution.matches[0];
      if (!resolution.collective && !resolution.ambiguous && best && best.kind === 'commune' && best.score >= 0.9) return best.code;
    }
  }
  return null;
}
