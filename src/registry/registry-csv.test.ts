import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNIT_KINDS, type RegistryUnit } from '../domain/units/unit.ts';
import { validateRegistryRows } from '../domain/units/validate-registry.ts';
import { loadBuiltInRegistry } from './hanoi.ts';
import { formatRegistryCsv, parseRegistryCsv } from './registry-csv.ts';
import { formatRegistryXlsx, parseRegistryXlsx } from './registry-xlsx.ts';

const code = fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}(?:_[A-Z0-9]{1,4}){0,2}$/);
// Names and aliases as people write them: any text without the list separator, trimmed, non-empty.
const text = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.replace(/[|\r\n]/g, ' ').trim().normalize('NFC'))
  .filter((s) => s.length > 0);
const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const unit: fc.Arbitrary<RegistryUnit> = fc.record({
  code,
  name: text,
  kind: fc.constantFrom(...UNIT_KINDS),
  parent: fc.option(code, { nil: null }),
  aliases: fc.uniqueArray(text, { maxLength: 3 }),
  validFrom: fc.option(date, { nil: null }),
  validTo: fc.option(date, { nil: null }),
  successors: fc.array(fc.record({ code, effectiveOn: date }), { maxLength: 2 }),
});

describe('registry CSV', () => {
  it('round-trips any units exactly', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (units) => {
        const parsed = parseRegistryCsv(formatRegistryCsv(units));
        expect(parsed.problems).toEqual([]);
        expect(parsed.rows.map((r) => r.unit)).toEqual(units);
        expect(parsed.rows.map((r) => r.line)).toEqual(units.map((_, i) => i + 2));
      }),
    );
  });

  it('never throws on arbitrary text, and reports problems with a line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        const parsed = parseRegistryCsv(`code,name,kind,parent,aliases,valid_from,valid_to,successors\n${input}`);
        for (const p of parsed.problems) expect(p.line === undefined || p.line >= 1).toBe(true);
        validateRegistryRows(parsed.rows);
      }),
    );
  });

  it('names the line and column of malformed cells', () => {
    const parsed = parseRegistryCsv('code,name,kind,parent,aliases,valid_from,valid_to,successors\nA,Tên,agency,,,,,B-2025\nB,Tên,agency,,,,,,extra\n');
    expect(parsed.problems).toContainEqual(expect.objectContaining({ line: 2, field: 'successors' }));
    expect(parsed.problems).toContainEqual(expect.objectContaining({ line: 3 }));
  });

  it('ships a built-in registry that validates, with 126 current communes and Vĩnh Tuy’s offices', () => {
    const units = loadBuiltInRegistry();
    expect(validateRegistryRows(units.map((u, i) => ({ line: i + 2, unit: u })))).toEqual([]);
    expect(units.filter((u) => u.kind === 'commune' && u.validTo === null)).toHaveLength(126);
    expect(units.filter((u) => u.parent === 'HN_P_VINH_TUY').map((u) => u.kind)).toEqual(expect.arrayContaining(['office', 'school', 'clinic', 'residential_group']));
    expect(units.find((u) => u.code === 'HN_Q_HAI_BA_TRUNG')?.successors.map((s) => s.code)).toContain('HN_P_VINH_TUY');
  });
});

describe('registry XLSX', () => {
  it('round-trips the built-in registry exactly, dates and codes as text', async () => {
    const units = loadBuiltInRegistry();
    const parsed = await parseRegistryXlsx(await formatRegistryXlsx(units));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.unit)).toEqual(units);
  });

  it('reports an unreadable workbook instead of throwing', async () => {
    const parsed = await parseRegistryXlsx(Buffer.from('PK not really a zip'));
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems[0]?.message).toMatch(/XLSX/);
  });
});
