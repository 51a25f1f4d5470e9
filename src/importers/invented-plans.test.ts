import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltInRegistry } from '../registry/hanoi.ts';
import { extractWithOwner } from '../use-cases/plans/import-plan.ts';
import type { PlanDraft } from './draft.ts';
import { compareWithInvented, type InventedPlan } from '../testing/invented-fixtures.ts';
import { readPlanDocument } from './read-plan-document.ts';

// A plan we wrote (test/fixtures/invented/bac-ninh-ha-tang-so.html: a Bắc Ninh province plan for
// 2026–2030, tasks under a heading that is not "Nhiệm vụ", period group rows, ministries as partners)
// saved by LibreOffice as DOCX, exported from that DOCX as PDF, and its appendix tables saved by Calc
// as XLSX (make-fixtures.py). The expected fields were written by hand before the extractor ran.
const dir = new URL('../../test/fixtures/invented/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('bac-ninh-ha-tang-so.expected.json', dir), 'utf8')) as InventedPlan;
const units = loadBuiltInRegistry();

async function importFormat(format: 'docx' | 'xlsx' | 'pdf'): Promise<PlanDraft> {
  const file = `bac-ninh-ha-tang-so.${format}`;
  const model = await readPlanDocument(readFileSync(new URL(file, dir)), file);
  return extractWithOwner(model, units, null).draft;
}

describe.each(['docx', 'xlsx', 'pdf'] as const)('invented Bắc Ninh plan saved by LibreOffice as %s', (format) => {
  it('reads the header: number, date, and the issuer as the full body', async () => {
    const draft = await importFormat(format);
    expect(draft.plan.code).toBe(expected.plan.code);
    expect(draft.plan.issuedOn).toBe(expected.plan.issuedOn);
    expect(draft.plan.issuer).toBe(expected.plan.issuer);
    expect(draft.plan.title).toContain(expected.plan.titleHas);
  });

  it('finds ≥ 98% of the items and gets ≥ 98% of their fields right, with no Hanoi code on a Bắc Ninh unit', async () => {
    const report = compareWithInvented(await importFormat(format), expected, format);
    const found = report.found / report.expected;
    const fields = report.fieldsRight / report.fieldsChecked;
    console.log(
      `invented ${format}: found ${report.found}/${report.expected} (${(found * 100).toFixed(1)}%), fields ${report.fieldsRight}/${report.fieldsChecked} (${(fields * 100).toFixed(1)}%), extra ${report.extra}` +
        (report.misses.length ? `\n  ${report.misses.join('\n  ')}` : ''),
    );
    expect(found).toBeGreaterThanOrEqual(0.98);
    expect(fields).toBeGreaterThanOrEqual(0.98);
    expect(report.extra).toBe(0);
  });
});

describe('invented Bắc Ninh plan: the PDF exported from the DOCX', () => {
  it('imports to the same draft as the DOCX (line numbers aside)', async () => {
    const strip = (draft: PlanDraft): unknown => JSON.parse(JSON.stringify(draft, (key, value: unknown) => (key === 'line' ? undefined : value)));
    expect(strip(await importFormat('pdf'))).toEqual(strip(await importFormat('docx')));
  });
});

// A second plan we wrote (test/fixtures/invented/hung-yen-dich-vu-cong.fodt), saved by LibreOffice as
// DOCX (`soffice --headless --convert-to docx:"MS Word 2007 XML"`) and that DOCX exported as PDF
// (`--convert-to pdf`). Its targets are numbered by their paragraph style alone, the first carries a
// footnote, and its task table centres every cell vertically beside a tall multi-line task cell.
const hungYen = JSON.parse(readFileSync(new URL('hung-yen-dich-vu-cong.expected.json', dir), 'utf8')) as InventedPlan;

async function importHungYen(format: 'docx' | 'pdf'): Promise<PlanDraft> {
  const file = `hung-yen-dich-vu-cong.${format}`;
  const model = await readPlanDocument(readFileSync(new URL(file, dir)), file);
  return extractWithOwner(model, units, null).draft;
}

describe.each(['docx', 'pdf'] as const)('invented Hưng Yên plan (style numbering, footnote, centred cells) as %s', (format) => {
  it('reads the header and finds every item with its fields right', async () => {
    const draft = await importHungYen(format);
    expect(draft.plan.code).toBe(hungYen.plan.code);
    expect(draft.plan.issuedOn).toBe(hungYen.plan.issuedOn);
    expect(draft.plan.issuer).toBe(hungYen.plan.issuer);
    expect(draft.plan.title).toContain(hungYen.plan.titleHas);
    const report = compareWithInvented(draft, hungYen, format);
    expect(report.misses).toEqual([]);
    expect(report.found).toBe(report.expected);
    expect(report.extra).toBe(0);
  });
});

describe('invented Hưng Yên plan: the PDF exported from the DOCX', () => {
  it('imports to the same draft as the DOCX (line numbers aside)', async () => {
    const strip = (draft: PlanDraft): unknown => JSON.parse(JSON.stringify(draft, (key, value: unknown) => (key === 'line' ? undefined : value)));
    expect(strip(await importHungYen('pdf'))).toEqual(strip(await importHungYen('docx')));
  });
});
