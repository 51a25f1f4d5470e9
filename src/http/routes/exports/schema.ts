import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const STATUS_LIST = '^(met|on_track|at_risk|missed|no_data|unlinked)(,(met|on_track|at_risk|missed|no_data|unlinked))*$';

/** The filters an overview figure links with: GET /overview/targets and its XLSX export share them. */
export const OverviewTargetFilters = {
  unit: Type.String({ minLength: 1, description: 'unit code: this unit and every unit below it' }),
  asOf: Type.Optional(Type.String({ description: 'yyyy-mm-dd or dd/mm/yyyy; today by default' })),
  status: Type.Optional(Type.String({ pattern: STATUS_LIST, description: 'only targets in this status, or any of several separated by commas (at_risk,missed)' })),
  pillar: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "a pillar id of the scoring framework (its top-level group), or `none` for targets no pillar claims" })),
  framework: Type.Optional(Type.String({ minLength: 1, description: 'scoring framework code whose pillars group the targets; the first active one by default' })),
};

export const targetsXlsxSchema = {
  tags: ['exports'],
  summary: 'Targets as XLSX',
  description: 'The targets behind an overview figure, as the caller may read them (scope and classified rule as GET /api/v1/overview/targets), in one sheet.',
  security: [{ bearer: [] }],
  querystring: Type.Object(OverviewTargetFilters),
  response: { 200: Type.Unknown({ description: 'the .xlsx file, sent as an attachment' }), 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
};

const Cell = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Null()]);

/** Limits of a shown table: far above what a screen shows, low enough that one request stays cheap. */
export const TABLE_LIMITS = { columns: 60, rows: 20_000, bodyBytes: 16 * 1024 * 1024 } as const;

export const tableXlsxSchema = {
  tags: ['exports'],
  summary: 'A shown table as XLSX',
  description: "Writes the table the dashboard shows (sorted and searched as on screen) as an .xlsx file. It returns only the cells sent, so it needs no right beyond the caller's.",
  body: Type.Object({
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    sheetName: Type.String({ minLength: 1, maxLength: 200 }),
    columns: Type.Array(Type.Object({ header: Type.String({ maxLength: 500 }), width: Type.Optional(Type.Number({ minimum: 1, maximum: 255 })) }), { minItems: 1, maxItems: TABLE_LIMITS.columns }),
    rows: Type.Array(Type.Array(Cell, { maxItems: TABLE_LIMITS.columns }), { maxItems: TABLE_LIMITS.rows }),
  }, { additionalProperties: false }),
  response: { 200: Type.Unknown({ description: 'the .xlsx file, sent as an attachment' }), 400: ProblemSchema },
};
