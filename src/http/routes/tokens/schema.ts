import { Type } from 'typebox';
import { ProblemSchema, RoleSchema, TokenView } from '../../auth/views.ts';

const security = [{ bearer: [] }];

export const createTokenSchema = {
  tags: ['tokens'],
  summary: 'Create an API token',
  description: 'The plaintext `token` is returned once; only its SHA-256 is stored.',
  security,
  body: Type.Object(
    {
      unit: Type.String({ minLength: 1 }),
      role: RoleSchema,
      name: Type.Optional(Type.String({ maxLength: 200 })),
      scopes: Type.Optional(Type.Array(Type.String(), { maxItems: 10 })),
      expires: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'dd/mm/yyyy, YYYY-MM-DD or a zoned ISO timestamp' })),
    },
    { additionalProperties: false },
  ),
  response: {
    201: Type.Intersect([TokenView, Type.Object({ token: Type.String() })]),
    401: ProblemSchema,
    403: ProblemSchema,
    422: ProblemSchema,
  },
};

export const listTokensSchema = {
  tags: ['tokens'],
  summary: 'Tokens of the units you administer',
  security,
  response: { 200: Type.Object({ tokens: Type.Array(TokenView) }), 401: ProblemSchema },
};

export const revokeTokenSchema = {
  tags: ['tokens'],
  summary: 'Revoke a token',
  security,
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  response: { 200: Type.Object({ token: TokenView, changed: Type.Boolean() }), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
};
