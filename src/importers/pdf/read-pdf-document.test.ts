import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.ts';
import { UnitResolver } from '../../domain/units/unit-resolver.ts';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { chromiumExecutable, htmlToPdf } from '../../reports/pdf-report.ts';
import { DEMO_PLAN_FILE } from '../../use-cases/plans/seed-demo-plan.ts';
import { extractPlanDraft } from '../extract-plan-draft.ts';
import { readPlanDocument } from '../read-plan-document.ts';
import { readTextDocument } from '../text/read-text-document.ts';

const resolver = new UnitResolver(loadBuiltInRegistry());
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Our own demo plan (written by us, in src/registry) laid out as a printed plan is: paragraphs, and
 * its appendices as bordered tables whose long cells wrap over several lines, on A4 pages.
 */
function planAsHtml(text: string): string {
  const out: string[] = [];
  let rows: string[] = [];
  const flush = () => {
    if (rows.length) out.push(`<table>${rows.join('')}</table>`);
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      rows.push(`<tr>${line.split('\t').map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`);
      continue;
    }
    flush();
    if (line.trim()) out.push(`<p>${escape(line)}</p>`);
  }
  flush();
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 20mm 15mm; }
    body { font-family: "Liberation Serif", serif; font-size: 12pt; }
    table { border-collapse: collapse; width: 100%; font-size: 10pt; }
    td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; }
    td:nth-child(1), td:nth-child(2) { width: 28px; }
  </style></head><body>${out.join('\n')}</body></html>`;
}

/** The fields a person checks on a draft, per item. */
function fieldsOf(draft: ReturnType<typeof extractPlanDraft>) {
  const names = (units: { name: string }[]) => units.map((u) => u.name);
  return {
    targets: draft.targets.map((t) => ({ seq: t.seq, text: t.text, goal: [t.goal.op, t.goal.value], measure: t.measure, due: t.due, lead: names(t.lead), partners: names(t.partners) })),
    tasks: draft.tasks.map((t) => ({ seq: t.seq, title: t.title, due: t.due, lead: names(t.lead), partners: names(t.partners), product: t.product })),
  };
}

describe('reading a text PDF', () => {
  it.skipIf(!chromiumExecutable())('reads a printed plan with wrapped table cells into the same draft as its text', async () => {
    const text = readFileSync(DEMO_PLAN_FILE, 'utf8');
    const pdf = await htmlToPdf(planAsHtml(text));
    const fromPdf = extractPlanDraft(await readPlanDocument(new Uint8Array(pdf), 'ke-hoach.pdf'), (u) => resolver.resolve(u));
    const fromText = extractPlanDraft(readTextDocument(text, 'ke-hoach.txt'), (u) => resolver.resolve(u));
    // The demo plan holds 8 targets and 8 tasks (its appendices, as we wrote them).
    expect(fromText.targets).toHaveLength(8);
    expect(fromText.tasks).toHaveLength(8);
    expect(fieldsOf(fromPdf)).toEqual(fieldsOf(fromText));
    expect(fromPdf.plan.code).toBe(fromText.plan.code);
  }, 120_000);

  it.skipIf(!chromiumExecutable())('refuses a scanned PDF (no text layer), saying so', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const pdf = await htmlToPdf(`<!doctype html><html><body><img src="${pixel}" style="width:500px;height:700px"></body></html>`);
    const error = await readPlanDocument(new Uint8Array(pdf), 'scan.pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({ field: 'file' });
    expect((error as InputError).problems[0]?.message).toMatch(/quét|scanned/);
  }, 120_000);

  it('refuses a corrupt PDF, naming the file', async () => {
    await expect(readPlanDocument(new TextEncoder().encode('%PDF-1.7\nkhông phải PDF'), 'hong.pdf')).rejects.toThrow(/hong\.pdf/);
  });
});
