import { Type } from 'typebox';
import { ProblemSchema, RoleSchema, UserView } from '../../auth/views.ts';

const security = [{ bearer: [] }];

export const listUsersSchema = {
  tags: ['users'],
  summary: 'Users of the units you administer',
  security,
  response: { 200: Type.Object({ users: Type.Array(UserView) }), 401: ProblemSchema },
};

export const createUserSchema = {
  tags: ['users'],
  summary: 'Create a user (unit admin or above in scope)',
  security,
  body: Type.Object(
    {
      username: Type.String({ minLength: 1, maxLength: 64 }),
      displayName: Type.String({ minLength: 1, maxLength: 200 }),
      unit: Type.String({ minLength: 1 }),
      role: RoleSchema,
      email: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
      password: Type.Optional(Type.Union([Type.String({ maxLength: 1024 }), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  response: { 201: UserView, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
};

export const grantSchema = {
  tags: ['users'],
  summary: 'Grant a role or classified reading',
  security,
  params: Type.Object({ username: Type.String() }),
  body: Type.Object(
    { unit: Type.String({ minLength: 1 }), role: Type.Optional(RoleSchema), classified: Type.Optional(Type.Boolean()) },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ user: UserView, changed: Type.Boolean() }), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
};

export const disableUserSchema = {
  tags: ['users'],
  summary: 'Disable a user (sign-in refused, sessions end)',
  security,
  params: Type.Object({ username: Type.String() }),
  response: { 200: Type.Object({ user: UserView, changed: Type.Boolean() }), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
};

const Stamp = Type.String({ format: 'date-time' });

export const exportPersonalDataSchema = {
  tags: ['users'],
  summary: 'Export a person\'s data (themselves or their unit admin)',
  security,
  params: Type.Object({ username: Type.String() }),
  response: {
    200: Type.Object({
      format: Type.Literal('theodoi-personal-data/v1'),
      exportedAt: Stamp,
      user: Type.Object({
        id: Type.Integer(), username: Type.String(), displayName: Type.String(), email: Type.Union([Type.String(), Type.Null()]),
        unitCode: Type.String(), disabled: Type.Boolean(), createdAt: Stamp,
        grants: Type.Array(Type.Object({ unitCode: Type.String(), role: RoleSchema })), classifiedUnits: Type.Array(Type.String()),
      }),
      footprint: Type.Object({
        sessions: Type.Array(Type.Object({ createdAt: Stamp, expiresAt: Stamp })),
        tokens: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unitCode: Type.String(), role: Type.String(), createdAt: Stamp, revokedAt: Type.Union([Stamp, Type.Null()]) })),
        auditEntries: Type.Array(Type.Object({ id: Type.Integer(), at: Stamp, action: Type.String(), entity: Type.String(), entityId: Type.Union([Type.String(), Type.Null()]) })),
        observationVersions: Type.Integer(),
      }),
    }),
    401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema,
  },
};

export const erasePersonalDataSchema = {
  tags: ['users'],
  summary: 'Erase a person\'s details (name, e-mail, password; account disabled)',
  security,
  params: Type.Object({ username: Type.String() }),
  response: { 200: Type.Object({ user: UserView, changed: Type.Boolean() }), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
};
