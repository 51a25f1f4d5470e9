import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import type { RegistryUnit } from '../../domain/units/unit.ts';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { formatRegistryCsv, parseRegistryCsv } from '../../registry/registry-csv.ts';
import { parseRegistryXlsx } from '../../registry/registry-xlsx.ts';
import { loadRegistryUnits } from '../../repositories/units.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { exportUnits } from './export-units.ts';
import { getUnit } from './get-unit.ts';
import { importUnits, registryFormatOf } from './import-units.ts';
import { listUnits } from './list-units.ts';
import { resolveUnitName } from './resolve-unit-name.ts';
import { seedBuiltInRegistry } from './seed-built-in-registry.ts';

const HEADER = 'code,name,kind,parent,aliases,valid_from,valid_to,successors';

/** Units in a comparable form: aliases and successors as sets. */
function canonical(units: RegistryUnit[]) {
  return units
    .map((u) => ({ ...u, aliases: [...u.aliases].sort(), successors: u.successors.map((s) => `${s.code}@${s.effectiveOn}`).sort() }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

async function importError(ctx: AppContext, csv: string): Promise<InputError> {
  try {
    await importUnits(ctx, { content: csv, format: 'csv' });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('import was expected to fail');
}

describe(`unit registry use cases on ${testEngine}`, () => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase();
    ctx = contextFor(database);
    close = () => database.close();
  });
  afterAll(async () => close());

  it('seeds the built-in registry into an empty database once', async () => {
    const first = await seedBuiltInRegistry(ctx);
    expect(first?.created.length).toBe(loadBuiltInRegistry().length);
    expect(await seedBuiltInRegistry(ctx)).toBeNull();
    const communes = await listUnits(ctx, { kind: 'commune', asOf: '2026-01-01' });
    expect(communes).toHaveLength(126);
    expect(communes).toContainEqual({ code: 'HN_P_VINH_TUY', name: 'Phường Vĩnh Tuy', kind: 'commune', parent: 'HN' });
    expect(canonical(await loadRegistryUnits(ctx.db))).toEqual(canonical(loadBuiltInRegistry()));
  });

  it('changes nothing when the same file is imported again', async () => {
    const csv = formatRegistryCsv(loadBuiltInRegistry());
    const outcome = await importUnits(ctx, { content: csv, format: 'csv' });
    expect(outcome.created).toEqual([]);
    expect(outcome.updated).toEqual([]);
    expect(outcome.unchanged).toHaveLength(loadBuiltInRegistry().length);
  });

  it('round-trips the registry through CSV and XLSX exactly', async () => {
    const csv = await exportUnits(ctx, 'csv');
    const fromCsv = parseRegistryCsv(csv.toString('utf8'));
    expect(fromCsv.problems).toEqual([]);
    expect(canonical(fromCsv.rows.map((r) => r.unit))).toEqual(canonical(loadBuiltInRegistry()));

    const xlsx = await exportUnits(ctx, 'xlsx');
    expect(registryFormatOf('export', xlsx)).toBe('xlsx');
    const fromXlsx = await parseRegistryXlsx(xlsx);
    expect(fromXlsx.problems).toEqual([]);
    // Same units in the same order: the XLSX says exactly what the CSV says.
    expect(formatRegistryCsv(fromXlsx.rows.map((r) => r.unit))).toBe(csv.toString('utf8'));

    // Importing either export changes nothing, and exporting again gives the same bytes.
    expect((await importUnits(ctx, { content: xlsx, format: 'xlsx' })).unchanged).toHaveLength(fromCsv.rows.length);
    expect((await importUnits(ctx, { content: csv, format: 'csv' })).unchanged).toHaveLength(fromCsv.rows.length);
    expect((await exportUnits(ctx, 'csv')).equals(csv)).toBe(true);
  });

  it('rejects a malformed file naming each line and field, and stores nothing from it', async () => {
    const before = await exportUnits(ctx, 'csv');
    const error = await importError(
      ctx,
      [
        HEADER,
        'T_NEW,Đơn vị mới hợp lệ,agency,HN,,,,',
        'T_ORPHAN,Mồ côi,office,T_NOWHERE,,,,',
        'T_NEW,Trùng mã,agency,HN,,,,',
        'T_KIND,Sai loại,ministry,HN,,,,',
        'T_DATE,Sai ngày,agency,HN,,2025-02-30,,',
        'T_A,Vòng A,office,T_B,,,,',
        'T_B,Vòng B,office,T_A,,,,',
        'T_SUCC,Kế thừa sai,agency,HN,,,2025-01-01,HN_SO_KHCN@01/03/2025',
      ].join('\n'),
    );
    const at = (line: number, field: string) => error.problems.some((p) => p.line === line && p.field === field);
    expect(at(3, 'parent')).toBe(true);
    expect(at(4, 'code')).toBe(true);
    expect(at(5, 'kind')).toBe(true);
    expect(at(6, 'valid_from')).toBe(true);
    expect(at(7, 'parent') || at(8, 'parent')).toBe(true);
    expect(at(9, 'successors')).toBe(true);
    expect(error.problems.some((p) => p.line === 2)).toBe(false);
    expect(error.message).toContain('line 3, field "parent"');
    expect((await exportUnits(ctx, 'csv')).equals(before)).toBe(true);
  });

  it('rejects a file whose header lacks a column, naming the column', async () => {
    const error = await importError(ctx, 'code,name,kind\nX,Y,agency\n');
    expect(error.problems).toContainEqual(expect.objectContaining({ line: 1, field: 'parent' }));
  });

  it('updates by code, replaces aliases and keeps units the file does not mention', async () => {
    const csv = [HEADER, 'HN_SO_DU_LICH,Sở Du lịch Hà Nội,agency,HN,Sở Du lịch|SDL,,,'].join('\n');
    const outcome = await importUnits(ctx, { content: csv, format: 'csv' });
    expect(outcome).toEqual({ created: [], updated: ['HN_SO_DU_LICH'], unchanged: [] });
    const unit = await getUnit(ctx, 'HN_SO_DU_LICH');
    expect(unit.name).toBe('Sở Du lịch Hà Nội');
    expect(unit.aliases).toEqual(['SDL', 'Sở Du lịch']);
    expect((await listUnits(ctx)).length).toBe(loadBuiltInRegistry().length);
  });

  it('shows a merger from both sides, following chains', async () => {
    const khcn = await getUnit(ctx, 'HN_SO_KHCN');
    expect(khcn.predecessors).toContainEqual(expect.objectContaining({ code: 'HN_SO_TTTT', effectiveOn: '2025-03-01' }));
    const tttt = await getUnit(ctx, 'HN_SO_TTTT');
    expect(tttt.successors).toEqual([expect.objectContaining({ code: 'HN_SO_KHCN', effectiveOn: '2025-03-01' })]);
    expect(tttt.validTo).toBe('2025-02-28');

    // The old Vĩnh Tuy ward merged into the new one; the district before it.
    const newWard = await getUnit(ctx, 'HN_P_VINH_TUY');
    expect(newWard.predecessors.map((p) => p.code).sort()).toEqual(['HN_Q_HAI_BA_TRUNG', 'HN_Q_HBT_P_VINH_TUY']);
    expect(newWard.children.map((c) => c.code)).toContain('HN_P_VINH_TUY_VP');
    expect(newWard.parentUnit?.code).toBe('HN');

    const chain = [HEADER, 'T_C,Đơn vị C,agency,HN,,2027-01-01,,', 'T_B,Đơn vị B,agency,HN,,2026-01-01,2026-12-31,T_C@2027-01-01', 'T_A,Đơn vị A,agency,HN,,,2025-12-31,T_B@2026-01-01'].join('\n');
    await importUnits(ctx, { content: chain, format: 'csv' });
    expect((await getUnit(ctx, 'T_A')).successors.map((s) => s.code)).toEqual(['T_B', 'T_C']);
    expect((await getUnit(ctx, 'T_C')).predecessors.map((s) => [s.code, s.effectiveOn])).toEqual([
      ['T_B', '2027-01-01'],
      ['T_A', '2026-01-01'],
    ]);
  });

  it('lists by kind, parent, date and a diacritics-insensitive search', async () => {
    expect((await listUnits(ctx, { q: 'so khoa hoc' })).map((u) => u.code)).toEqual(['HN_SO_KHCN']);
    expect((await listUnits(ctx, { q: 'VĨNH TUY', kind: 'office' })).every((u) => u.parent === 'HN_P_VINH_TUY')).toBe(true);
    const vinhTuyChildren = await listUnits(ctx, { parent: 'HN_P_VINH_TUY' });
    expect(vinhTuyChildren.map((u) => u.kind)).toContain('residential_group');
    const in2024 = (await listUnits(ctx, { asOf: '2024-06-01' })).map((u) => u.code);
    expect(in2024).toContain('HN_SO_TTTT');
    expect(in2024).not.toContain('HN_P_VINH_TUY');
    await expect(listUnits(ctx, { kind: 'galaxy' })).rejects.toThrow(InputError);
  });

  it('resolves names against the stored registry', async () => {
    const r = await resolveUnitName(ctx, 'Văn phòng HỘND&UBND phường', { within: 'HN_P_VINH_TUY' });
    expect(r.matches[0]?.code).toBe('HN_P_VINH_TUY_VP');
    expect((await resolveUnitName(ctx, 'so khoa hoc va cong nghe')).matches[0]?.code).toBe('HN_SO_KHCN');
    await expect(resolveUnitName(ctx, 'Sở Y tế', { within: 'NOPE' })).rejects.toThrow(InputError);
  });
});
