import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertLink, alertsByGroup, alertsQuery, alertTitle, mayActOnAlerts, alertWhy, changesSince, countStatuses, groupByPillar, isOverdue, quarterOf, sixClearWarnings, sortTasksForBoard, toCsv, type Alert, type PlanTask } from './leader-data.ts';

/** An alert as the API answers it, with the fields a test does not care about empty. */
const alertOf = (fields: Partial<Alert> & { id: number }): Alert => ({
  kind: 'outlier', severity: 'warning', since: '2026-08-01', reason: '', reasonEn: '', data: null, target: null, task: null, unit: null, indicator: null,
  targetText: null, unitName: null, taskTitle: null, indicatorName: null, raisedAt: '', resolvedAt: null, acknowledged: null, ...fields,
});

const task = (over: Partial<PlanTask>): PlanTask => ({
  id: 1, code: 'NV1', seq: 1, sectionId: null, sectionPath: [], lead: [{ name: 'Văn phòng', code: 'VP', collective: false }], partners: [],
  due: { raw: null, kind: 'date', start: null, end: '2026-06-30' }, sourceLine: 1, title: 'Số hóa hồ sơ lưu trữ', result: 'Kho dữ liệu', product: null,
  status: null, progress: 0, ...over,
});

describe('leader data helpers', () => {
  it('counts every status, zero when absent', () => {
    expect(countStatuses([{ status: 'met' }, { status: 'met' }, { status: 'missed' }])).toEqual({ met: 2, on_track: 0, at_risk: 0, missed: 1, no_data: 0, unlinked: 0 });
  });

  it('groups targets by pillar, falling back to the indicator, and loses none', () => {
    const targets = [
      { code: 'A', status: 'met' as const, indicator: 'I1' },
      { code: 'B', status: 'at_risk' as const, indicator: 'I2' },
    ];
    const groups = groupByPillar(targets, new Map([['A', 'I. Hạ tầng số']]), new Map([['I2', 'Dịch vụ công']]));
    expect(groups.map((g) => g.pillar)).toEqual(['Dịch vụ công', 'I. Hạ tầng số']);
    expect(groups.reduce((s, g) => s + g.total, 0)).toBe(2);
  });

  it('puts overdue tasks first, finished ones last, whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ end: fc.option(fc.constantFrom('2026-01-31', '2026-05-31', '2026-09-30', '2027-03-31')), progress: fc.constantFrom(0, 50, 100) })), (specs) => {
        const sorted = sortTasksForBoard(specs.map((s) => task({ due: { raw: null, kind: 'date', start: null, end: s.end }, progress: s.progress })), '2026-06-15');
        const ranks = sorted.map((k) => ((k.progress ?? 0) >= 100 ? 3 : isOverdue(k, '2026-06-15') ? 0 : k.due.end ? 1 : 2));
        expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      }),
    );
  });

  it('warns about the "6 rõ" gaps a task record shows', () => {
    expect(sixClearWarnings(task({}))).toEqual([]);
    expect(sixClearWarnings(task({ lead: [], due: { raw: null, kind: 'none', start: null, end: null }, result: null, product: null }))).toEqual(['who', 'when', 'product']);
  });

  it('names an alert by its target text, task title or indicator name, and links it', () => {
    const base = { target: null, task: null, indicator: null, targetText: null, taskTitle: null, indicatorName: null };
    expect(alertTitle({ ...base, target: 'CT-01', targetText: 'Tỷ lệ hồ sơ trực tuyến ≥ 90%' })).toBe('Tỷ lệ hồ sơ trực tuyến ≥ 90%');
    expect(alertTitle({ ...base, task: 'NV1', taskTitle: 'Triển khai hệ thống' })).toBe('Triển khai hệ thống');
    expect(alertTitle({ ...base, indicator: 'DVC', indicatorName: 'Dịch vụ công' })).toBe('Dịch vụ công');
    expect(alertTitle({ ...base, target: 'CT-01' })).toBe('CT-01');
    expect(alertLink({ target: 'CT 1/a', unit: 'P_A' })).toBe('/targets/CT%201%2Fa');
    expect(alertLink({ target: null, unit: 'P_A' })).toBe('/units/P_A');
    expect(alertLink({ target: null, unit: null })).toBeNull();
    const why = { target: 'CT-01', reason: 'Chỉ tiêu CT-01 (đơn vị chịu trách nhiệm P_A) — Có nguy cơ không đạt — 56%.', reasonEn: 'Target CT-01 — At risk.' };
    expect(alertWhy(why, 'vi')).toBe('Có nguy cơ không đạt — 56%.');
    expect(alertWhy(why, 'en')).toBe('At risk.');
    expect(alertWhy({ ...why, target: null }, 'vi')).toBe(why.reason);
    expect(alertWhy({ target: 'NV1', reason: 'Nhiệm vụ NV1 quá hạn — 3 ngày', reasonEn: '' }, 'vi')).toBe('Nhiệm vụ NV1 quá hạn — 3 ngày');
  });

  it('names the quarter of a date', () => {
    expect(quarterOf('2026-08-15')).toBe('2026-Q3');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(quarterOf(null)).toBeNull();
  });

  it('lists only changes after the last visit, newest first', () => {
    const obs = { indicator: 'I', unit: 'U', period: '2026-05', periodStart: '2026-05-01', periodEnd: '2026-05-31', version: 2, current: true, value: 3, numerator: null, denominator: null, origin: 'api', source: 's', actor: 'a', actorName: 'a', note: null, evidenceUrl: null, reason: null };
    const changes = changesSince(
      [{ ...obs, recordedAt: '2026-06-01T00:00:00Z' }, { ...obs, recordedAt: '2026-06-03T00:00:00Z' }],
      [alertOf({ id: 1, kind: 'target_at_risk', severity: 'critical', since: '2026-06-02', reason: 'Nguy cơ', reasonEn: 'Risk', target: 'T', unit: 'U', raisedAt: '2026-06-02T00:00:00Z' })],
      '2026-06-01T12:00:00Z',
      'vi',
    );
    expect(changes.map((c) => c.kind)).toEqual(['observation', 'alert']);
    expect(changes[1]?.text).toBe('T — Nguy cơ');
    const named = changesSince(
      [{ ...obs, recordedAt: '2026-06-03T00:00:00Z' }],
      [alertOf({ id: 1, kind: 'target_at_risk', severity: 'critical', since: '2026-06-02', reason: 'Chỉ tiêu T (đơn vị chịu trách nhiệm U) — Có nguy cơ', reasonEn: 'Risk', target: 'T', targetText: 'Tỷ lệ hồ sơ trực tuyến ≥ 90%', unit: 'U', unitName: 'Phường Vĩnh Tuy', raisedAt: '2026-06-02T00:00:00Z' })],
      '2026-06-01T12:00:00Z',
      'vi',
      { indicator: (c) => (c === 'I' ? 'Hồ sơ trực tuyến' : undefined), unit: (c) => (c === 'U' ? 'Phường Vĩnh Tuy' : undefined) },
    );
    expect(named.map((c) => c.text)).toEqual(['Hồ sơ trực tuyến · Phường Vĩnh Tuy · 2026-05: 3 (v2)', 'Tỷ lệ hồ sơ trực tuyến ≥ 90% · Phường Vĩnh Tuy — Có nguy cơ']);
  });

  it('writes CSV that any reader splits back into the same cells', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const csv = toCsv(['a', 'b'], rows);
        expect(csv.startsWith('\uFEFFa,b\r\n')).toBe(true);
        // Quoted cells double their quotes: the number of quote characters is always even.
        expect((csv.match(/"/g) ?? []).length % 2).toBe(0);
      }),
    );
    expect(toCsv(['x'], [['1,5'], ['say "hi"']])).toBe('\uFEFFx\r\n"1,5"\r\n"say ""hi"""\r\n');
  });

  it('asks for open alerts grouped as chosen with the chosen chips, buckets them by the same key, and knows who may act', () => {
    expect(alertsQuery('HN', { severities: [], kinds: [], groupBy: 'indicator' })).toBe('/api/v1/alerts?unit=HN&open=true&groupBy=indicator&limit=1000');
    expect(alertsQuery('P VT', { severities: ['critical', 'warning'], kinds: ['task_overdue'], groupBy: 'unit' }))
      .toBe('/api/v1/alerts?unit=P+VT&open=true&groupBy=unit&limit=1000&severity=critical,warning&kind=task_overdue');
    const alert = (id: number, unit: string | null, indicator: string | null = null) => alertOf({ id, kind: 'outlier', unit, indicator });
    const list = [alert(1, 'P_A', 'I1'), alert(2, null), alert(3, 'P_A', 'I2'), alert(4, 'P_B', 'I1')];
    const byUnit = alertsByGroup(list, 'unit');
    expect([...byUnit].map(([k, v]) => [k, v.map((a) => a.id)])).toEqual([['P_A', [1, 3]], ['', [2]], ['P_B', [4]]]);
    const byIndicator = alertsByGroup(list, 'indicator');
    expect([...byIndicator].map(([k, v]) => [k, v.map((a) => a.id)])).toEqual([['I1', [1, 4]], ['', [2]], ['I2', [3]]]);
    expect(mayActOnAlerts([{ role: 'viewer' }])).toBe(false);
    expect(mayActOnAlerts([{ role: 'viewer' }, { role: 'reporter' }])).toBe(true);
  });
});
