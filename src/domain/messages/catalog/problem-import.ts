import type { CatalogEntry } from './entry.ts';

/** Messages of the import of filled Mẫu 01 forms (a workbook of proposals, one per row). */
export const PROBLEM_IMPORT = {
  'proposal_import.at_cell': { vi: 'Trang "{sheet}", dòng {row}, cột {column} ("{header}"): {problem}', en: 'Sheet "{sheet}", row {row}, column {column} ("{header}"): {problem}' },
  'proposal_import.at_paragraph': { vi: 'Đoạn {line}: {problem}', en: 'Paragraph {line}: {problem}' },
  'proposal_import.at_row': { vi: 'Trang "{sheet}", dòng {row}: {problem}', en: 'Sheet "{sheet}", row {row}: {problem}' },
  'proposal_import.name_from_description': { vi: 'Mẫu 01 không có tên bài toán; tạm lấy câu đầu của phần mô tả: "{name}"', en: 'The form has no problem name; the description’s first sentence stands in: "{name}"' },
  'proposal_import.sheet_skipped': { vi: 'Bỏ qua trang "{sheet}": không có dòng tiêu đề của Mẫu 01', en: 'Sheet "{sheet}" left out: no Mẫu 01 header row' },
  'proposal_import.columns_ignored': { vi: 'Trang "{sheet}": bỏ qua các cột {columns}', en: 'Sheet "{sheet}": columns left out: {columns}' },
  'proposal_import.duplicate_column': { vi: 'Trang "{sheet}", dòng {row}: hai cột cùng nghĩa, "{first}" và "{second}"', en: 'Sheet "{sheet}", row {row}: two columns mean the same, "{first}" and "{second}"' },
} as const satisfies Record<string, CatalogEntry>;
