import { describe, expect, it } from 'vitest';
import { buildAlertDigest, digestText, type DigestInputAlert } from './alert-digest.ts';

const LAST_DIGEST = '2026-12-03T01:00:00.000Z';
const OLD = '2026-12-01T03:00:00.000Z';
const NEW = '2026-12-03T05:00:00.000Z';

const alert = (over: Partial<DigestInputAlert> & { id: number }): DigestInputAlert => ({
  kind: 'target_at_risk', severity: 'warning', since: '2026-11-20', reason: 'Tiến độ chậm so với lộ trình', reasonEn: 'Behind its path',
  unit: 'P_A', unitName: 'Phường An Khánh', target: 'CT-1', targetText: 'Tỷ lệ hồ sơ nộp trực tuyến',
  taskTitle: null, indicatorName: null, raisedAt: OLD, resolvedAt: null, acknowledged: null, ...over,
});

const ALERTS: DigestInputAlert[] = [
  alert({ id: 1, severity: 'critical', raisedAt: NEW, reason: 'Xác suất không đạt cao', reasonEn: 'Likely to miss' }),
  alert({ id: 2, severity: 'critical', unit: 'P_A_VP', unitName: 'Văn phòng phường An Khánh', raisedAt: OLD, since: '2026-11-02' }),
  alert({ id: 3, severity: 'critical', target: 'CT-2', targetText: 'Số doanh nghiệp dùng hóa đơn điện tử', raisedAt: OLD }),
  alert({ id: 4, severity: 'warning', kind: 'task_overdue', target: null, targetText: null, taskTitle: 'Số hóa hồ sơ lưu trữ', raisedAt: NEW, reason: 'Quá hạn 12 ngày', reasonEn: '12 days past its deadline' }),
  alert({ id: 5, severity: 'warning', target: 'CT-2', targetText: 'Số doanh nghiệp dùng hóa đơn điện tử', raisedAt: OLD }),
  // Acknowledged and resolved alerts never appear.
  alert({ id: 6, severity: 'critical', raisedAt: NEW, acknowledged: { actor: 'user:ld', at: NEW, note: 'Đã giao phòng xử lý' } }),
  alert({ id: 7, severity: 'warning', raisedAt: NEW, resolvedAt: NEW }),
];

describe('the alert digest of a unit', () => {
  it('groups open, unacknowledged alerts by severity, then by target, marking what is new since the last digest', () => {
    const d = buildAlertDigest({ code: 'P_A', name: 'Phường An Khánh' }, ALERTS, { asOf: '2026-12-04', since: LAST_DIGEST });
    expect({ total: d.total, newCount: d.newCount, unitName: d.unitName }).toEqual({ total: 5, newCount: 2, unitName: 'Phường An Khánh' });
    expect(d.severities.map((s) => [s.severity, s.label, s.total, s.newCount])).toEqual([
      ['critical', 'Nghiêm trọng', 3, 1],
      ['warning', 'Cảnh báo', 2, 1],
    ]);
    // Critical: CT-1 has the new alert, so it comes first; its new alert before its old one.
    const critical = d.severities[0]!;
    expect(critical.targets.map((g) => [g.name, g.total, g.newCount, g.alerts.map((a) => [a.id, a.isNew, a.subject])])).toEqual([
      ['Tỷ lệ hồ sơ nộp trực tuyến', 2, 1, [[1, true, 'Phường An Khánh'], [2, false, 'Văn phòng phường An Khánh']]],
      ['Số doanh nghiệp dùng hóa đơn điện tử', 1, 0, [[3, false, 'Phường An Khánh']]],
    ]);
    // Warning: the target group first, the task alert (no target) last, named by the task.
    const warning = d.severities[1]!;
    expect(warning.targets.map((g) => [g.target, g.name, g.alerts.map((a) => [a.id, a.isNew, a.subject])])).toEqual([
      ['CT-2', 'Số doanh nghiệp dùng hóa đơn điện tử', [[5, false, 'Phường An Khánh']]],
      [null, 'Không gắn chỉ tiêu (nhiệm vụ, nguồn số liệu)', [[4, true, 'Phường An Khánh — Nhiệm vụ quá hạn: Số hóa hồ sơ lưu trữ']]],
    ]);
  });

  it('counts every alert as new in a unit\'s first digest, and leaves out severities with nothing open', () => {
    const d = buildAlertDigest({ code: 'P_A', name: 'Phường An Khánh' }, [ALERTS[4]!, ALERTS[5]!], { asOf: '2026-12-04', since: null });
    expect(d.severities.map((s) => [s.severity, s.total, s.newCount])).toEqual([['warning', 1, 1]]);
    expect(d.newCount).toBe(1);
  });

  it('reads as a Vietnamese e-mail with names, dates as dd/mm/yyyy and no codes', () => {
    const { subject, text } = digestText(buildAlertDigest({ code: 'P_A', name: 'Phường An Khánh' }, ALERTS, { asOf: '2026-12-04', since: LAST_DIGEST }));
    expect(subject).toBe('Tóm tắt cảnh báo — Phường An Khánh: 2 mới, 5 đang mở');
    expect(text).toContain('Tóm tắt cảnh báo của Phường An Khánh và các đơn vị trực thuộc, ngày 04/12/2026.');
    expect(text).toContain('trong đó 2 mới kể từ bản tóm tắt ngày 03/12/2026.');
    expect(text).toContain('Nghiêm trọng: 3 cảnh báo (1 mới)\n  • Tỷ lệ hồ sơ nộp trực tuyến — 2 cảnh báo (1 mới)\n    - [Mới] Phường An Khánh: Xác suất không đạt cao (từ ngày 20/11/2026)\n    - Văn phòng phường An Khánh: Tiến độ chậm so với lộ trình (từ ngày 02/11/2026)');
    expect(text).toContain('    - [Mới] Phường An Khánh — Nhiệm vụ quá hạn: Số hóa hồ sơ lưu trữ: Quá hạn 12 ngày (từ ngày 20/11/2026)');
    expect(text).not.toMatch(/CT-\d|P_A|target_at_risk|task_overdue|alert\./);
    expect(text).not.toContain('Đã giao phòng xử lý');
  });

  it('reads in English for an English reader: the same alerts, English words, the plan\'s own names', () => {
    const { subject, text } = digestText(buildAlertDigest({ code: 'P_A', name: 'Phường An Khánh' }, ALERTS, { asOf: '2026-12-04', since: LAST_DIGEST }), 'en');
    expect(subject).toBe('Alert digest — Phường An Khánh: 2 new, 5 open');
    expect(text).toContain('5 alerts, 2 of them new since the digest of 03/12/2026.');
    expect(text).toContain('Critical: 3 alerts (1 new)\n  • Tỷ lệ hồ sơ nộp trực tuyến — 2 alerts (1 new)\n    - [New] Phường An Khánh: Likely to miss (since 20/11/2026)\n    - Văn phòng phường An Khánh: Behind its path (since 02/11/2026)');
    expect(text).toContain('    - [New] Phường An Khánh — Task overdue: Số hóa hồ sơ lưu trữ: 12 days past its deadline (since 20/11/2026)');
    // One alert is "1 alert".
    expect(text).toMatch(/— 1 alert \(1 new\)/);
    // No Vietnamese word of the digest's own, no code.
    expect(text).not.toMatch(/cảnh báo|Mới|từ ngày|Nghiêm trọng|CT-\d|P_A\b|task_overdue/);
  });

  it('says so when nothing is open', () => {
    const d = buildAlertDigest({ code: 'P_A', name: 'Phường An Khánh' }, [ALERTS[5]!], { asOf: '2026-12-04', since: LAST_DIGEST });
    expect(d.severities).toEqual([]);
    expect(digestText(d).text).toContain('Không có cảnh báo nào cần xử lý.');
  });
});
