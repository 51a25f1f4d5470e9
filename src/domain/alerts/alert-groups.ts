/**
 * Grouping and paging a list of alerts for a leader: by indicator, unit, target or kind, each group
 * named in words (indicator name, unit name, target text, kind in Vietnamese and English) with its
 * counts by severity and how many units it touches. Pure —
 * the use case feeds in alerts it has already filtered to what the caller may read.
 */
import type { AlertKind, AlertSeverity } from './alert-rules.ts';

/** Most severe first: the order lists, counts and groups use. */
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const satisfies readonly AlertSeverity[];
/**
 * `indicator` is a city leader's view: a target set on every ward raises one alert per ward, and the
 * leader's question is "which of our goals are slipping, and where" — a few tens of groups, each
 * naming how many units, rather than hundreds of lines.
 */
export const ALERT_GROUP_BY = ['indicator', 'unit', 'target', 'kind'] as const;
export type AlertGroupBy = (typeof ALERT_GROUP_BY)[number];

/** What each kind of alert is called on screens and in group names. */
export const ALERT_KIND_NAMES: Record<AlertKind, { vi: string; en: string }> = {
  target_at_risk: { vi: 'Chỉ tiêu có nguy cơ không đạt', en: 'Target at risk' },
  task_due_soon: { vi: 'Nhiệm vụ sắp đến hạn', en: 'Task due soon' },
  task_overdue: { vi: 'Nhiệm vụ quá hạn', en: 'Task overdue' },
  stale_source: { vi: 'Nguồn số liệu chưa báo cáo', en: 'Source not reporting' },
  outlier: { vi: 'Số liệu bất thường', en: 'Outlying value' },
};

/** The fields grouping reads from an alert. */
export interface GroupableAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  unit: string | null;
  unitName: string | null;
  target: string | null;
  targetText: string | null;
  indicator: string | null;
  indicatorName: string | null;
}

export interface AlertGroup {
  /** The indicator code, unit code, target code or kind; null for alerts with none. */
  key: string | null;
  name: string;
  nameEn: string;
  total: number;
  counts: Record<AlertSeverity, number>;
  /** How many different units its alerts concern (alerts with no unit not counted). */
  units: number;
}

const NO_KEY_NAMES: Record<Exclude<AlertGroupBy, 'kind'>, { vi: string; en: string }> = {
  indicator: { vi: 'Không gắn chỉ số (nhiệm vụ)', en: 'No indicator (tasks)' },
  unit: { vi: 'Toàn thành phố (không gắn đơn vị)', en: 'City-wide (no unit)' },
  target: { vi: 'Không gắn chỉ tiêu (nhiệm vụ, nguồn số liệu)', en: 'No target (tasks, data sources)' },
};

/**
 * Parses a comma-separated list of allowed values ("critical,warning"); returns the values, or the
 * first one not allowed.
 *
 * @example
 * parseList('critical,warning', ALERT_SEVERITIES) // { values: ['critical', 'warning'] }
 * parseList('loud', ALERT_SEVERITIES)             // { invalid: 'loud' }
 */
export function parseList<T extends string>(text: string, allowed: readonly T[]): { values: T[] } | { invalid: string } {
  const values: T[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (!(allowed as readonly string[]).includes(part)) return { invalid: part };
    if (!values.includes(part as T)) values.push(part as T);
  }
  return { values };
}


/**
 * Groups alerts by indicator, unit, target or kind. Groups come most urgent first (more critical, then more
 * warnings, then more alerts, then by name), the group of alerts with no unit/target last; `ordered`
 * is the alerts in group order, keeping their order (most severe first) inside each group, so a page
 * of it shows whole groups in turn.
 *
 * @example
 * groupAlerts([{ kind: 'outlier', severity: 'warning', unit: 'P_A', unitName: 'Phường A', target: null, targetText: null, indicator: null, indicatorName: null }], 'unit').groups
 * // → [{ key: 'P_A', name: 'Phường A', nameEn: 'Phường A', total: 1, counts: { critical: 0, warning: 1, info: 0 }, units: 1 }]
 */
export function groupAlerts<T extends GroupableAlert>(alerts: readonly T[], by: AlertGroupBy): { groups: AlertGroup[]; ordered: T[] } {
  const byKey = new Map<string | null, { group: AlertGroup; alerts: T[]; units: Set<string> }>();
  for (const a of alerts) {
    const key = alertGroupKey(a, by);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { group: { key, ...groupName(a, by, key), total: 0, counts: { critical: 0, warning: 0, info: 0 }, units: 0 }, alerts: [], units: new Set() };
      byKey.set(key, entry);
    }
    entry.group.total++;
    entry.group.counts[a.severity]++;
    entry.alerts.push(a);
    if (a.unit !== null) entry.units.add(a.unit);
  }
  for (const entry of byKey.values()) entry.group.units = entry.units.size;
  const entries = [...byKey.values()].sort((x, y) => {
    const a = x.group;
    const b = y.group;
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    return b.counts.critical - a.counts.critical || b.counts.warning - a.counts.warning || b.total - a.total || a.name.localeCompare(b.name, 'vi');
  });
  return { groups: entries.map((e) => e.group), ordered: entries.flatMap((e) => e.alerts) };
}

/** The key an alert is grouped under (the web buckets a page of alerts by the same rule). */
export function alertGroupKey(a: { kind: string; unit: string | null; target: string | null; indicator: string | null }, by: AlertGroupBy): string | null {
  return by === 'indicator' ? a.indicator : by === 'unit' ? a.unit : by === 'target' ? a.target : a.kind;
}

function groupName(a: GroupableAlert, by: AlertGroupBy, key: string | null): { name: string; nameEn: string } {
  if (by === 'kind') return { name: ALERT_KIND_NAMES[a.kind].vi, nameEn: ALERT_KIND_NAMES[a.kind].en };
  if (key === null) return { name: NO_KEY_NAMES[by].vi, nameEn: NO_KEY_NAMES[by].en };
  // A name the registry or plan gives; the code only when that subject has no name at all.
  const name = (by === 'indicator' ? a.indicatorName : by === 'unit' ? a.unitName : a.targetText) ?? key;
  return { name, nameEn: name };
}
