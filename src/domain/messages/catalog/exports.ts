import type { CatalogEntry } from './entry.ts';

/** Messages of overviews, series, alerts, reports built for leaders and data shared out. */
export const EXPORTS = {
  'overview.unknown_pillar': { vi: 'Trụ cột không tồn tại', en: 'Unknown pillar' },
  'overview.framework_has_no_such_group': { vi: 'bộ chỉ số không có nhóm "{pillar}"', en: 'the framework has no such group "{pillar}"' },
} as const satisfies Record<string, CatalogEntry>;
