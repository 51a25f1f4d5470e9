import { parseGoals } from './goal.ts';
import { fold } from './text-folding.ts';

/** Offsets in `text` that are outside any parentheses. */
function topLevel(text: string): boolean[] {
  const out = new Array<boolean>(text.length).fill(true);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    out[i] = depth === 0;
    if (c === ')' && depth > 0) depth--;
  }
  return out;
}

/** Splits at top-level ";" and sentence ends (". " before an upper-case letter, a digit or ≥). */
function clauses(text: string): { text: string; start: number }[] {
  const top = topLevel(text);
  const out: { text: string; start: number }[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!top[i]) continue;
    const c = text[i];
    const sentenceEnd = c === '.' && /^\s+[\p{Lu}\d≥≤<>$]/u.test(text.slice(i + 1, i + 4)) && !/\d$/.test(text.slice(0, i)) ;
    if (c === ';' || c === '\n' || sentenceEnd) {
      out.push({ text: text.slice(from, i), start: from });
      from = i + 1;
    }
  }
  out.push({ text: text.slice(from), start: from });
  return out.filter((c) => c.text.trim().length > 0);
}

/**
 * Splits one bullet or cell that states several targets into one text per target: at ";" and
 * sentence ends, and inside a clause at the ", " or " và " before each further quantified goal
 * ("90% … cấp Thành phố, 80% … cấp huyện và 60% … cấp xã" gives three). Parts that state no goal
 * stay with the part before them. Returns the input as one part when it states one goal or none.
 *
 * @example splitTargets('Đạt 90% ở phường, 80% ở xã').length // 2
 */
export function splitTargets(input: string): string[] {
  const text = input.length > 20000 ? input.slice(0, 20000) : input;
  const parts: { text: string; goals: number }[] = [];
  for (const clause of clauses(text)) {
    const goals = parseGoals(clause.text);
    if (goals.length <= 1) {
      parts.push({ text: clause.text, goals: goals.length });
      continue;
    }
    const folded = fold(clause.text);
    const top = topLevel(clause.text);
    let from = 0;
    for (let g = 1; g < goals.length; g++) {
      const prev = goals[g - 1];
      const cur = goals[g];
      if (!prev || !cur) continue;
      let cut = -1;
      for (let i = cur.start - 1; i >= prev.end; i--) {
        if (!top[i]) continue;
        if (folded[i] === ',' || (folded.startsWith(' va ', i) && i + 4 <= cur.start)) {
          cut = i;
          break;
        }
      }
      if (cut < 0) continue;
      // "…, tương ứng rút ngắn 1,5 ngày" restates the same target in other units.
      if (/^\s*(?:va\s+)?(?:tuong ung|tuong duong|tuc la|hay|qua do)\b/.test(folded.slice(cut + 1))) continue;
      parts.push({ text: clause.text.slice(from, cut), goals: 1 });
      from = folded.startsWith(' va ', cut) ? cut + 4 : cut + 1;
    }
    parts.push({ text: clause.text.slice(from), goals: 1 });
  }
  const merged: string[] = [];
  let pendingLead = '';
  let lastHadGoal = false;
  for (const p of parts) {
    const t = p.text.trim().replace(/^[-+•]\s*/, '');
    if (!t) continue;
    if (p.goals === 0 && merged.length > 0) {
      merged[merged.length - 1] = `${merged[merged.length - 1] ?? ''}; ${t}`;
      continue;
    }
    if (p.goals === 0) {
      pendingLead = pendingLead ? `${pendingLead}; ${t}` : t;
      continue;
    }
    merged.push(pendingLead && !lastHadGoal ? `${pendingLead}; ${t}` : t);
    pendingLead = '';
    lastHadGoal = true;
  }
  if (!merged.length) return [text.trim()].filter(Boolean);
  return merged;
}

/** Splits a cell holding a bullet list ("- a. - b.") into its bullets; a cell without bullets is one. */
export function splitBullets(input: string): { text: string; bulleted: boolean }[] {
  const text = input.replace(/\r/g, '').trim();
  const re = /(?:^|\n|(?<=[.;:!?”")])\s+)[-•+]\s+(?=\S)/gu;
  const out: { text: string; bulleted: boolean }[] = [];
  let last = 0;
  let bulleted = false;
  for (const m of text.matchAll(re)) {
    const piece = text.slice(last, m.index).trim();
    if (piece) out.push({ text: piece, bulleted });
    last = m.index + m[0].length;
    bulleted = true;
  }
  const tail = text.slice(last).trim();
  if (tail) out.push({ text: tail, bulleted });
  return out;
}
