import type { CatalogEntry } from './entry.ts';

/** Messages about references any area can get wrong: units, plans, targets, dates. */
export const COMMON = {
  'unit.unknown': { vi: 'Không có đơn vị mã "{unit}"', en: 'No unit with code "{unit}"' },
  'plan.unknown': { vi: 'Không có kế hoạch "{plan}"', en: 'No plan "{plan}"' },
  'target.unknown': { vi: 'Không có chỉ tiêu mã "{target}"', en: 'No target with code "{target}"' },
  'date.invalid': { vi: '"{value}" không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd)', en: '"{value}" is not a date (dd/mm/yyyy or yyyy-mm-dd)' },
  'input.invalid': { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
} as const satisfies Record<string, CatalogEntry>;
