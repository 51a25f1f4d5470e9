import { describe, expect, it } from 'vitest';
import { frameworkPillars } from './framework-pillar.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from './load-framework.ts';

describe("targets placed under the framework's pillars", () => {
  const framework = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
  const pillarOf = frameworkPillars(framework);

  it('takes the pillar of the criterion that measures the indicator, whatever the plan section says', () => {
    // HT2 of the shipped framework (Hạ tầng số) measures fibre coverage of households.
    expect(pillarOf({ indicator: 'DTI_HO_CAP_QUANG', sectionPath: ['Phụ lục 01', 'Phát triển kinh tế số'] })).toEqual({ id: 'ha_tang_so', name: 'Hạ tầng số' });
  });

  it('reads a section naming a pillar, without diacritics or case, innermost section first', () => {
    expect(pillarOf({ indicator: null, sectionPath: ['Phụ lục 01', 'II. PHÁT TRIỂN KINH TẾ SỐ'] })).toEqual({ id: 'kinh_te_so', name: 'Kinh tế số' });
    expect(pillarOf({ indicator: 'KHONG_CO', sectionPath: ['Chính quyền số', 'Xã hội số và công dân số'] })?.id).toBe('xa_hoi_so');
  });

  it('leaves a target under an appendix heading or an unknown indicator ungrouped instead of guessing', () => {
    expect(pillarOf({ indicator: null, sectionPath: ['Phụ lục 01'] })).toBeNull();
    expect(pillarOf({ indicator: 'KHONG_CO', sectionPath: [] })).toBeNull();
    // A word inside another word is not a pillar's name ("số" alone names nothing).
    expect(pillarOf({ indicator: null, sectionPath: ['Chỉ số tổng hợp'] })).toBeNull();
  });
});
