import { Type } from 'typebox';
import { GrantSchema, ProblemSchema, UserView } from '../../auth/views.ts';

const Rights = Type.Array(Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('approve'), Type.Literal('administer')]), {
  description: 'actions allowed on at least one unit (e.g. "administer": may open administration)',
});

export const loginSchema = {
  tags: ['auth'],
  summary: 'Sign in with a session cookie',
  body: Type.Object(
    { username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({ user: UserView, rights: Rights, csrfToken: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
    401: ProblemSchema,
  },
};

export const logoutSchema = {
  tags: ['auth'],
  summary: 'End the session',
  response: { 204: Type.Null() },
};

export const meSchema = {
  tags: ['auth'],
  summary: 'Who is calling',
  security: [{ bearer: [] }],
  response: {
    200: Type.Object({
      kind: Type.Union([Type.Literal('user'), Type.Literal('token'), Type.Literal('anonymous')]),
      actor: Type.String(),
      user: Type.Union([UserView, Type.Null()]),
      tokenId: Type.Union([Type.Integer(), Type.Null()]),
      grants: Type.Array(GrantSchema),
      rights: Rights,
      scopes: Type.Array(Type.String()),
      classifiedUnits: Type.Array(Type.String()),
      csrfToken: Type.Union([Type.String(), Type.Null()]),
    }),
  },
};
