import { Type } from 'typebox';

const security = [{ bearer: [] }];
const tags = ['reports'];

export const reportFileSchema = {
  tags, security,
  summary: 'A unit\'s report as a document',
  params: Type.Object({
    unit: Type.String({ minLength: 1 }),
    file: Type.String({ pattern: '^\\d{4}(-(\\d{2}|Q[1-4]|H[12]))?\\.(docx|xlsx|pdf)$', description: '<period>.<format>, e.g. 2026-03.docx' }),
  }),
};

export const rankingFileSchema = {
  tags, security,
  summary: 'Evaluation and ranking report',
  params: Type.Object({
    unit: Type.String({ minLength: 1 }),
    file: Type.String({ pattern: '^\\d{4}(-(\\d{2}|Q[1-4]|H[12]))?\\.(docx|pdf)$' }),
  }),
  querystring: Type.Object({ framework: Type.Optional(Type.String({ minLength: 1 })) }),
};

export const upstreamFileSchema = {
  tags: ['exports'], security,
  summary: 'Upstream export',
  params: Type.Object({
    unit: Type.String({ minLength: 1 }),
    file: Type.String({ pattern: '^\\d{4}(-(\\d{2}|Q[1-4]|H[12]))?\\.(json|csv)$' }),
  }),
};
