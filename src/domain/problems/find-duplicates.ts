import { fold } from '../plans/text-folding.ts';
import { message, renderMessage, type Lang } from '../messages/message.ts';
import { MANAGEMENT_FIELDS, type ManagementField } from './problem-vocabulary.ts';

/** What duplicate detection reads of a proposal. */
export interface DuplicateCandidateInput {
  code: string;
  fields: readonly ManagementField[];
  name: string;
  problem: string;
  managementNeed?: string | null;
}

export interface DuplicatePair {
  a: string;
  b: string;
  /** Cosine similarity of the two texts' TF-IDF vectors, 0–1. */
  score: number;
  sharedFields: ManagementField[];
  /** The shared terms that weigh most, folded (no diacritics). */
  sharedTerms: string[];
}

/**
 * The score at or above which two proposals of a shared field are called duplicates. Chosen on the
 * labelled set in `src/testing/duplicate-proposals.ts` (docs/problems.md gives the figures).
 */
export const DUPLICATE_THRESHOLD = 0.15;

/**
 * Syllables too common in proposals to tell them apart: function words and the form's own
 * vocabulary ("xã", "phường", "quản lý", "người dân"…). Folded.
 */
const STOP = new Set(
  ('va cua cac nhung la co cho trong tren duoi voi den tu khi thi ma nay do mot hai ba bi duoc de '
    + 'rat nhieu it hon cung da dang se chua khong can phai theo ve nhu tai vao ra lai con moi nen vi '
    + 'xa phuong quan ly nguoi dan can bo viec van de hien nay tinh trang hang ngay thuong xuyen '
    + 'gay kho khan mat thoi gian dia ban hoat dong cong tac thuc hien nhu cau muon mong')
    .split(' '),
);

/** Folded syllables without stop words, then syllable bigrams of the folded text (which keep "ngap ung"). */
export function terms(text: string): string[] {
  const syllables = fold(text.normalize('NFC')).split(/[^a-z0-9]+/).filter((s) => s.length > 0);
  const kept = syllables.filter((s) => !STOP.has(s) && !/^\d+$/.test(s));
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < syllables.length; i += 1) {
    const [x, y] = [syllables[i]!, syllables[i + 1]!];
    if (STOP.has(x) && STOP.has(y)) continue;
    bigrams.push(`${x} ${y}`);
  }
  return [...kept, ...bigrams];
}

type Vector = Map<string, number>;

function tfidfVectors(docs: string[][]): Vector[] {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.map((doc) => {
    const tf = new Map<string, number>();
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vector = new Map();
    let norm = 0;
    for (const [t, count] of tf) {
      // Smoothed idf (as scikit-learn's): terms in (almost) every proposal weigh little but not nothing.
      const w = (1 + Math.log(count)) * (1 + Math.log((1 + n) / (1 + (df.get(t) ?? 0))));
      if (w > 0) {
        v.set(t, w);
        norm += w * w;
      }
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

function cosine(a: Vector, b: Vector): { score: number; shared: [string, number][] } {
  let score = 0;
  const shared: [string, number][] = [];
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [t, w] of small) {
    const other = large.get(t);
    if (other !== undefined) {
      score += w * other;
      shared.push([t, w * other]);
    }
  }
  return { score, shared };
}

/**
 * Pairs of proposals that probably describe the same problem: they share a field of management and
 * their texts (name, problem, need — the name counted twice, as the ward's own summary) are similar
 * by TF-IDF cosine over folded syllables and syllable bigrams, at or above `threshold`. Pure; the
 * idf comes from the proposals given, so call it with the whole set being consolidated.
 *
 * @example
 * findDuplicates([{ code: 'A', fields: ['environment'], name: 'Ngập úng khi mưa lớn', problem: '…' }, …])
 * // [{ a: 'A', b: 'C', score: 0.52, sharedFields: ['environment'], sharedTerms: ['ngap', 'ngap ung', …] }]
 */
export function findDuplicates(proposals: readonly DuplicateCandidateInput[], threshold = DUPLICATE_THRESHOLD): DuplicatePair[] {
  const docs = proposals.map((p) => terms(`${p.name}. ${p.name}. ${p.problem}. ${p.managementNeed ?? ''}`));
  const vectors = tfidfVectors(docs);
  const pairs: DuplicatePair[] = [];
  for (let i = 0; i < proposals.length; i += 1) {
    for (let j = i + 1; j < proposals.length; j += 1) {
      const [p, q] = [proposals[i]!, proposals[j]!];
      const sharedFields = p.fields.filter((f) => q.fields.includes(f));
      if (sharedFields.length === 0) continue;
      const { score, shared } = cosine(vectors[i]!, vectors[j]!);
      if (score < threshold) continue;
      const sharedTerms = shared.sort((x, y) => y[1] - x[1]).slice(0, 6).map(([t]) => t);
      pairs.push({
        a: p.code, b: q.code, score: Math.round(score * 1000) / 1000, sharedFields, sharedTerms,
      });
    }
  }
  return pairs.sort((x, y) => y.score - x.score);
}

/** Mẫu 01's fields in English, beside the form's Vietnamese labels (problem-vocabulary.ts). */
const FIELD_NAMES_EN: Record<ManagementField, string> = {
  urban_management: 'urban management', health: 'health', education: 'education', environment: 'environment', administrative_data: 'administrative data', other: 'other',
};

/**
 * Why two proposals look alike, in the reader's language: the fields they share, by name, the
 * similarity and the terms that weigh most.
 *
 * @example
 * duplicateReasonIn({ sharedFields: ['environment'], score: 0.52, sharedTerms: ['ngap'] }, 'vi') // 'cùng lĩnh vực Môi trường; độ tương đồng 0,52; từ chung: ngap'
 */
export function duplicateReasonIn(pair: Pick<DuplicatePair, 'sharedFields' | 'score' | 'sharedTerms'>, lang: Lang): string {
  const fields = pair.sharedFields.map((f) => (lang === 'vi' ? MANAGEMENT_FIELDS[f] : FIELD_NAMES_EN[f])).join(', ');
  return renderMessage(message('problem.duplicate_reason', { fields, score: Math.round(pair.score * 100) / 100, terms: pair.sharedTerms.join(', ') }), lang);
}
