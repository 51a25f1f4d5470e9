/**
 * The alert digest of a unit: what is still open and no one has acknowledged, by severity and then
 * by target, with what is new since the last digest marked — and its text for e-mail and the CLI,
 * Vietnamese, with names (units, target texts, tasks, indicators), never codes. Pure: the use case
 * feeds in the alerts of the unit's subtree the reader may see.
 */
import { formatDateVi } from '../reporting/vietnamese-format.ts';
import { ALERT_KIND_NAMES, ALERT_SEVERITIES } from './alert-groups.ts';
import type { AlertKind, AlertSeverity } from './alert-rules.ts';

/** The fields the digest reads from an alert (a `NamedAlert` has them all). */
export interface DigestInputAlert {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  since: string;
  reason: string;
  unit: string | null;
  unitName: string | null;
  target: string | null;
  targetText: string | null;
  taskTitle: string | null;
  indicatorName: string | null;
  /** ISO time the alert was first raised. */
  raisedAt: string;
  resolvedAt: string | null;
  acknowledged: unknown;
}

export interface DigestAlertLine {
  id: number;
  /** Raised after the last digest (every alert is new in a unit's first digest). */
  isNew: boolean;
  /** Who and what it concerns, in words: "Phường Vĩnh Tuy — Nhiệm vụ quá hạn: Số hóa hồ sơ". */
  subject: string;
  reason: string;
  since: string;
}

export interface DigestTargetGroup {
  /** The target's code, kept for links; null for alerts about no target (tasks, data sources). */
  target: string | null;
  name: string;
  total: number;
  newCount: number;
  alerts: DigestAlertLine[];
}

export interface DigestSeverityGroup {
  severity: AlertSeverity;
  label: string;
  total: number;
  newCount: number;
  targets: DigestTargetGroup[];
}

export interface AlertDigest {
  unit: string;
  unitName: string;
  /** ISO date the digest describes. */
  asOf: string;
  /** ISO time of the last digest sent for this unit, or null for the first. */
  since: string | null;
  total: number;
  newCount: number;
  /** Most severe first; severities without alerts left out. */
  severities: DigestSeverityGroup[];
}

/** What severities are called in the digest (as on the alerts screen). */
export const SEVERITY_NAMES_VI: Record<AlertSeverity, string> = { critical: 'Nghiêm trọng', warning: 'Cảnh báo', info: 'Lưu ý' };
const NO_TARGET_VI = 'Không gắn chỉ tiêu (nhiệm vụ, nguồn số liệu)';
const NO_UNIT_VI = 'Toàn thành phố';

/**
 * Builds a unit's digest: open, unacknowledged alerts only; grouped by severity (most severe first),
 * then by target (groups with more new alerts first, then more alerts, then by name; alerts about
 * no target last); inside a group, new alerts first, then the oldest first (longest waiting).
 *
 * @example
 * buildAlertDigest({ code: 'P_A', name: 'Phường A' }, alerts, { asOf: '2026-12-04', since: '2026-12-03T01:00:00.000Z' })
 * // → { unitName: 'Phường A', total: 3, newCount: 1, severities: [{ severity: 'critical', label: 'Nghiêm trọng', targets: [...] }, ...] }
 */
export function buildAlertDigest(
  unit: { code: string; name: string },
  alerts: readonly DigestInputAlert[],
  options: { asOf: string; since: string | null },
): AlertDigest {
  const sinceMs = options.since === null ? null : Date.parse(options.since);
  const open = alerts.filter((a) => a.resolvedAt === null && (a.acknowledged === null || a.acknowledged === undefined));
  const severities: DigestSeverityGroup[] = [];
  for (const severity of ALERT_SEVERITIES) {
    const ofSeverity = open.filter((a) => a.severity === severity);
    if (ofSeverity.length === 0) continue;
    const byTarget = new Map<string | null, DigestTargetGroup>();
    for (const a of ofSeverity) {
      let group = byTarget.get(a.target);
      if (!group) {
        group = { target: a.target, name: a.target === null ? NO_TARGET_VI : (a.targetText ?? a.target), total: 0, newCount: 0, alerts: [] };
        byTarget.set(a.target, group);
      }
      const isNew = sinceMs === null || Date.parse(a.raisedAt) > sinceMs;
      group.total++;
      if (isNew) group.newCount++;
      group.alerts.push({ id: a.id, isNew, subject: subjectOf(a), reason: a.reason, since: a.since });
    }
    const targets = [...byTarget.values()].sort((x, y) => {
      if ((x.target === null) !== (y.target === null)) return x.target === null ? 1 : -1;
      return y.newCount - x.newCount || y.total - x.total || x.name.localeCompare(y.name, 'vi');
    });
    for (const g of targets) g.alerts.sort((x, y) => Number(y.isNew) - Number(x.isNew) || x.since.localeCompare(y.since) || x.id - y.id);
    severities.push({
      severity, label: SEVERITY_NAMES_VI[severity],
      total: ofSeverity.length, newCount: targets.reduce((n, g) => n + g.newCount, 0), targets,
    });
  }
  return {
    unit: unit.code, unitName: unit.name, asOf: options.asOf, since: options.since,
    total: open.length, newCount: severities.reduce((n, s) => n + s.newCount, 0), severities,
  };
}

/** "Phường Vĩnh Tuy", or for an alert about no target "Phường Vĩnh Tuy — Nhiệm vụ quá hạn: Số hóa hồ sơ". */
function subjectOf(a: DigestInputAlert): string {
  const unit = a.unitName ?? NO_UNIT_VI;
  if (a.target !== null) return unit;
  const what = a.taskTitle ?? a.indicatorName;
  return `${unit} — ${ALERT_KIND_NAMES[a.kind].vi}${what ? `: ${what}` : ''}`;
}

/**
 * The digest as an e-mail (and as the CLI prints it): a subject that says how many are new, then
 * each severity, each target with its counts, each alert with its unit, reason and date.
 *
 * @example
 * digestText(digest).subject // → 'Tóm tắt cảnh báo — Phường A: 1 mới, 3 đang mở'
 */
export function digestText(d: AlertDigest): { subject: string; text: string } {
  const subject = `Tóm tắt cảnh báo — ${d.unitName}: ${d.newCount} mới, ${d.total} đang mở`;
  const lines: string[] = [
    `Tóm tắt cảnh báo của ${d.unitName} và các đơn vị trực thuộc, ngày ${formatDateVi(d.asOf)}.`,
    d.since === null
      ? `Đang mở, chưa ai xác nhận: ${d.total} cảnh báo (bản tóm tắt đầu tiên: mọi cảnh báo đều mới).`
      : `Đang mở, chưa ai xác nhận: ${d.total} cảnh báo, trong đó ${d.newCount} mới kể từ bản tóm tắt ngày ${formatDateVi(new Date(d.since))}.`,
  ];
  if (d.total === 0) lines.push('', 'Không có cảnh báo nào cần xử lý.');
  for (const s of d.severities) {
    lines.push('', `${s.label}: ${s.total} cảnh báo (${s.newCount} mới)`);
    for (const g of s.targets) {
      lines.push(`  • ${g.name} — ${g.total} cảnh báo${g.newCount ? ` (${g.newCount} mới)` : ''}`);
      for (const a of g.alerts) lines.push(`    - ${a.isNew ? '[Mới] ' : ''}${a.subject}: ${a.reason} (từ ngày ${formatDateVi(a.since)})`);
    }
  }
  lines.push('', 'Cảnh báo đã được xác nhận không có trong bản tóm tắt. Xem và xác nhận trên Theo Dõi, mục Tổng quan › Cảnh báo.');
  return { subject, text: `${lines.join('\n')}\n` };
}
