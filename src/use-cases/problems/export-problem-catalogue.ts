import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import { catalogueLayout, type CatalogueProblem } from '../../domain/problems/catalogue-layout.ts';
import { catalogueDocx, catalogueXlsx, DOCX_CONTENT_TYPE } from '../../exports/problem-catalogue-files.ts';
import { XLSX_CONTENT_TYPE } from '../../exports/xlsx-table.ts';
import { listProblemKpis } from '../../repositories/problem-kpis.repository.ts';
import { listOrigins, listProblemRecords, type ProblemFilter } from '../../repositories/problems.repository.ts';
import { checkProblemFilter } from './list-problems.ts';
import { cityCode, mayRead, type ProblemAccess } from './problem-access.ts';
import { message } from '../../domain/messages/message.ts';

export type CatalogueFormat = 'xlsx' | 'docx';

export interface CatalogueFile {
  body: Uint8Array;
  contentType: string;
  fileName: string;
  asciiFileName: string;
  problems: number;
}

/**
 * The city's priority catalogue as a file (XLSX or DOCX, the template's layout): the problems the
 * asker may read (the same rule as listing; classified ones only with the right), filtered by state,
 * field and area type; merged-away proposals are left out (their consolidated problem stands for
 * them and names their wards). Contacts are never read into it.
 *
 * @example
 * const file = await exportProblemCatalogue(ctx, access, 'docx', { states: ['published'] });
 */
export async function exportProblemCatalogue(ctx: AppContext, access: ProblemAccess, format: string, filter: Pick<ProblemFilter, 'states' | 'field' | 'areaType'>): Promise<CatalogueFile> {
  if (format !== 'xlsx' && format !== 'docx') throw new InputError(message('export.unsupported_format'), [problem({ field: 'format' }, message('problem.xlsx_or_docx', { format }))]);
  checkProblemFilter(filter);
  const city = await cityCode(ctx);
  const problems: CatalogueProblem[] = [];
  for (const r of await listProblemRecords(ctx.db, filter)) {
    if (r.mergedInto || !(await mayRead(access, r, city))) continue;
    const [origins, kpis] = await Promise.all([listOrigins(ctx.db, r.id), listProblemKpis(ctx.db, r.id)]);
    problems.push({
      code: r.code, name: r.name, fields: r.fields, problem: r.problem, managementNeed: r.managementNeed, pilotScope: r.pilotScope,
      dataInputs: r.dataInputs, outputStandards: r.outputStandards, sandboxConditions: r.sandboxConditions, resources: r.resources,
      proposingUnits: origins.length ? [...new Set(origins.map((o) => o.unitName))] : [r.proposingUnitName],
      receivingUnit: r.receivingUnitName, scaleClass: r.scaleClass, areaType: r.areaType, state: r.state, priority: r.priority,
      kpis: kpis.map((k) => ({ indicatorName: k.indicatorName, op: k.op, baseline: k.baseline, goal: k.goal, dueOn: k.dueOn, unit: k.unit })),
    });
  }
  const layout = catalogueLayout(problems);
  const year = ctx.now().getUTCFullYear();
  const base = `Danh-muc-bai-toan-${year}`;
  if (format === 'xlsx') return { body: await catalogueXlsx(layout), contentType: XLSX_CONTENT_TYPE, fileName: `Danh mục bài toán ${year}.xlsx`, asciiFileName: `${base}.xlsx`, problems: problems.length };
  return { body: await catalogueDocx(layout), contentType: DOCX_CONTENT_TYPE, fileName: `Danh mục bài toán ${year}.docx`, asciiFileName: `${base}.docx`, problems: problems.length };
}
