import { foldVietnamese } from '../indicators/indicator.ts';
import { criteriaOf, type Framework } from './framework.ts';

export interface FrameworkPillar {
  id: string;
  name: string;
}

/**
 * Which of the framework's top-level groups (its pillars: Nhận thức số, Chính quyền số, Kinh tế số…)
 * a plan target belongs to. The leader's cards are the framework's groups, never a plan's appendix
 * heading nor an indicator's name, so plans written in different layouts are read the same way:
 * first by the target's indicator, when a criterion of the framework measures it; then by a plan
 * section on the target's path (innermost first) whose title names a group ("II. PHÁT TRIỂN CHÍNH
 * QUYỀN SỐ" is Chính quyền số, matched without diacritics or case). Null when neither says: such a
 * target is counted apart as not grouped, not forced into a pillar.
 *
 * @example
 * const pillarOf = frameworkPillars(framework);
 * pillarOf({ indicator: 'DTI_HO_CAP_QUANG', sectionPath: [] })                  // → { id: 'ha_tang_so', name: 'Hạ tầng số' }
 * pillarOf({ indicator: null, sectionPath: ['Phụ lục 01', 'Phát triển kinh tế số'] }) // → { id: 'kinh_te_so', name: 'Kinh tế số' }
 */
export function frameworkPillars(framework: Framework): (target: { indicator: string | null; sectionPath: readonly string[] }) => FrameworkPillar | null {
  const groups = new Map(framework.groups.map((g) => [g.id, { id: g.id, name: g.name }]));
  const byIndicator = new Map<string, FrameworkPillar>();
  for (const { criterion, group } of criteriaOf(framework)) {
    if (criterion.rule === 'assessed') continue;
    const indicator = 'indicator' in criterion ? criterion.indicator : criterion.share.indicator;
    const pillar = groups.get(group);
    if (pillar && !byIndicator.has(indicator)) byIndicator.set(indicator, pillar);
  }
  // Longer names first, so a title naming "An toàn thông tin" is not taken for a shorter name inside it.
  const names = [...groups.values()].map((g) => ({ pillar: g, key: foldVietnamese(g.name) })).filter((n) => n.key.length > 0).sort((a, b) => b.key.length - a.key.length);
  return (target) => {
    const measured = target.indicator ? byIndicator.get(target.indicator) : undefined;
    if (measured) return measured;
    for (let i = target.sectionPath.length - 1; i >= 0; i--) {
      const title = ` ${foldVietnamese(target.sectionPath[i] ?? '').replace(/[^a-z0-9]+/g, ' ')} `;
      const hit = names.find((n) => title.includes(` ${n.key} `));
      if (hit) return hit.pillar;
    }
    return null;
  };
}
