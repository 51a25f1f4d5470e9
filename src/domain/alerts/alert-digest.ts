/**
 * The alert digest of a unit: what is still open and no one has acknowledged, by severity and then
 * by target, with what is new since the last digest marked — and its text for e-mail, the inbox and
 * the CLI, in Vietnamese or English, with names (units, target texts, tasks, indicators), never
 * codes. Pure: the use case feeds in the alerts of the unit's subtree the reader may see.
 */
import type { Lang } from '../messages/message.ts';
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
  reasonEn: string;
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
  subjectEn: string;
  reason: string;
  reasonEn: string;
  since: string;
}

export interface DigestTargetGroup {
  /** The target's code, kept for links; null for alerts about no target (tasks, data sources). */
  target: string | null;
  /** The target's wording (one language: the plan's), or what stands for no target. */
  name: string;
  nameEn: string;
  total: number;
  newCount: number;
  alerts: DigestAlertLine[];
}

export interface DigestSeverityGroup {
  severity: AlertSeverity;
  label: string;
  labelEn: string;
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
export const SEVERITY_NAMES: Record<AlertSeverity, Record<Lang, string>> = {
  critical: { vi: 'Nghiêm trọng', en: 'Critical' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Lưu ý', en: 'Notice' },
};
const NO_TARGET: Record<Lang, string> = { vi: 'Không gắn chỉ tiêu (nhiệm vụ, nguồn số liệu)', en: 'No target (tasks, data sources)' };
const NO_UNIT: Record<Lang, string> = { vi: 'Toàn thành phố', en: 'City-wide' };

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
        const name = a.targetText ?? a.target;
        group = { target: a.target, name: name ?? NO_TARGET.vi, nameEn: name ?? NO_TARGET.en, total: 0, newCount: 0, alerts: [] };
        byTarget.set(a.target, group);
      }
      const isNew = sinceMs === null || Date.parse(a.raisedAt) > sinceMs;
      group.total++;
      if (isNew) group.newCount++;
      group.alerts.push({ id: a.id, isNew, subject: subjectOf(a, 'vi'), subjectEn: subjectOf(a, 'en'), reason: a.reason, reasonEn: a.reasonEn, since: a.since });
    }
    const targets = [...byTarget.values()].sort((x, y) => {
      if ((x.target === null) !== (y.target === null)) return x.target === null ? 1 : -1;
      return y.newCount - x.newCount || y.total - x.total || x.name.localeCompare(y.name, 'vi');
    });
    for (const g of targets) g.alerts.sort((x, y) => Number(y.isNew) - Number(x.isNew) || x.since.localeCompare(y.since) || x.id - y.id);
    severities.push({
      severity, label: SEVERITY_NAMES[severity].vi, labelEn: SEVERITY_NAMES[severity].en,
      total: ofSeverity.length, newCount: targets.reduce((n, g) => n + g.newCount, 0), targets,
    });
  }
  return {
    unit: unit.code, unitName: unit.name, asOf: options.asOf, since: options.since,
    total: open.length, newCount: severities.reduce((n, s) => n + s.newCount, 0), severities,
  };
}

/** "Phường Vĩnh Tuy", or for an alert about no target "Phường Vĩnh Tuy — Nhiệm vụ quá hạn: Số hóa hồ sơ". */
function subjectOf(a: DigestInputAlert, lang: Lang): string {
  const unit = a.unitName ?? NO_UNIT[lang];
  if (a.target !== null) return unit;
  const what = a.taskTitle ?? a.indicatorName;
  return `${unit} — ${ALERT_KIND_NAMES[a.kind][lang]}${what ? `: ${what}` : ''}`;
}

/** "1 alert", "3 alerts". */
const alertsEn = (n: number) => `${n} alert${n === 1 ? '' : 's'}`;

/** The digest's sentences, in each language. */
const WORDS = {
  vi: {
    subject: (d: AlertDigest) => `Tóm tắt cảnh báo — ${d.unitName}: ${d.newCount} mới, ${d.total} đang mở`,
    heading: (d: AlertDigest) => `Tóm tắt cảnh báo của ${d.unitName} và các đơn vị trực thuộc, ngày ${formatDateVi(d.asOf)}.`,
    first: (d: AlertDigest) => `Đang mở, chưa ai xác nhận: ${d.total} cảnh báo (bản tóm tắt đầu tiên: mọi cảnh báo đều mới).`,
    later: (d: AlertDigest, since: string) => `Đang mở, chưa ai xác nhận: ${d.total} cảnh báo, trong đó ${d.newCount} mới kể từ bản tóm tắt ngày ${since}.`,
    none: 'Không có cảnh báo nào cần xử lý.',
    severity: (label: string, total: number, fresh: number) => `${label}: ${total} cảnh báo (${fresh} mới)`,
    group: (name: string, total: number, fresh: number) => `${name} — ${total} cảnh báo${fresh ? ` (${fresh} mới)` : ''}`,
    line: (isNew: boolean, subject: string, reason: string, since: string) => `${isNew ? '[Mới] ' : ''}${subject}: ${reason} (từ ngày ${since})`,
    footer: 'Cảnh báo đã được xác nhận không có trong bản tóm tắt. Xem và xác nhận trên Theo Dõi, mục Tổng quan › Cảnh báo.',
  },
  en: {
    subject: (d: AlertDigest) => `Alert digest — ${d.unitName}: ${d.newCount} new, ${d.total} open`,
    heading: (d: AlertDigest) => `Alert digest of ${d.unitName} and the units below it, ${formatDateVi(d.asOf)}.`,
    first: (d: AlertDigest) => `Open and not yet acknowledged: ${alertsEn(d.total)} (first digest: every alert is new).`,
    later: (d: AlertDigest, since: string) => `Open and not yet acknowledged: ${alertsEn(d.total)}, ${d.newCount} of them new since the digest of ${since}.`,
    none: 'No alert needs attention.',
    severity: (label: string, total: number, fresh: number) => `${label}: ${alertsEn(total)} (${fresh} new)`,
    group: (name: string, total: number, fresh: number) => `${name} — ${alertsEn(total)}${fresh ? ` (${fresh} new)` : ''}`,
    line: (isNew: boolean, subject: string, reason: string, since: string) => `${isNew ? '[New] ' : ''}${subject}: ${reason} (since ${since})`,
    footer: 'Acknowledged alerts are left out of the digest. See and acknowledge them in Theo Dõi, Overview › Alerts.',
  },
} as const;

/**
 * The digest as an e-mail (and as the inbox and the CLI show it): a subject that says how many are
 * new, then each severity, each target with its counts, each alert with its unit, reason and date.
 *
 * @example
 * digestText(digest).subject // → 'Tóm tắt cảnh báo — Phường A: 1 mới, 3 đang mở'
 * digestText(digest, 'en').subject // → 'Alert digest — Phường A: 1 new, 3 open'
 */
export function digestText(d: AlertDigest, lang: Lang = 'vi'): { subject: string; text: string } {
  const w = WORDS[lang];
  const en = lang === 'en';
  const lines: string[] = [w.heading(d), d.since === null ? w.first(d) : w.later(d, formatDateVi(new Date(d.since)))];
  if (d.total === 0) lines.push('', w.none);
  for (const s of d.severities) {
    lines.push('', w.severity(en ? s.labelEn : s.label, s.total, s.newCount));
    for (const g of s.targets) {
      lines.push(`  • ${w.group(en ? g.nameEn : g.name, g.total, g.newCount)}`);
      for (const a of g.alerts) lines.push(`    - ${w.line(a.isNew, en ? a.subjectEn : a.subject, en ? a.reasonEn : a.reason, formatDateVi(a.since))}`);
    }
  }
  lines.push('', w.footer);
  return { subject: w.subject(d), text: `${lines.join('\n')}\n` };
}
