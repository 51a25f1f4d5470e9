import { describe, expect, it } from 'vitest';
import { BatchDigester, recordedDigest, type StoredObservationFact } from './batch-digest.ts';

const row = (id: string, value: string | null): StoredObservationFact => ({
  id, indicatorId: '1', unitId: '2', period: '2026-03', periodStart: '2026-03-01', periodEnd: '2026-03-31', version: '1',
  value, numerator: null, denominator: null, origin: 'import', source: 'thang-3.csv', actor: 'cli:root',
  note: 'Số liệu tháng 3', evidenceUrl: null, reason: null, recordedAt: '2026-04-02T03:04:05.678000Z',
});

const digest = (rows: StoredObservationFact[]) => {
  const d = new BatchDigester();
  for (const r of rows) d.add(r);
  return d.finish();
};

describe('batch digest', () => {
  it('changes with any digit of a value, and with a row more or less', () => {
    const base = digest([row('1', '10'), row('2', '20.125')]);
    expect(base).toMatchObject({ format: 'observation-rows/v1', rows: 2 });
    expect(digest([row('1', '10'), row('2', '20.125')])).toEqual(base);
    expect(digest([row('1', '10'), row('2', '20.1250000000000000001')]).sha256).not.toBe(base.sha256);
    expect(digest([row('1', '10')]).sha256).not.toBe(base.sha256);
    expect(digest([])).toMatchObject({ rows: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
  });

  it('refuses rows out of id order rather than digest an order nobody can reproduce', () => {
    expect(() => digest([row('10', '1'), row('9', '1')])).toThrow(/out of id order/);
  });

  it('reads a recorded digest, or none from entries written before digests', () => {
    const d = digest([row('1', '10')]);
    expect(recordedDigest({ rows: 1, imported: 1, rowsDigest: d })).toEqual(d);
    expect(recordedDigest({ rows: 1, imported: 1 })).toBeNull();
    expect(recordedDigest({ rowsDigest: { ...d, format: 'observation-rows/v9' } })).toBeNull();
    expect(recordedDigest(null)).toBeNull();
  });
});
