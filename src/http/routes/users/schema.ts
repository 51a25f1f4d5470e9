import { Type } from 'typebox';
import { ProblemSchema, RoleSchema, UserView } from '../../auth/views.ts';

const security = [{ bearer: [] }];

export const listUsersSchema = {
  tags: ['users'],
  summary: 'Người dùng trong phạm vi quản trị / users of the units you administer',
  security,
  response: { 200: Type.Object({ users: Type.Array(UserView) }), 401: ProblemSchema },
};

export const createUserSchema = {
  tags: ['users'],
  summary: 'Tạo người dùng (quản trị đơn vị trở lên) / create a user (unit admin or above in scope)',
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
  summary: 'Cấp vai trò hoặc quyền xem tài liệu mật / grant a role or classified reading',
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
  summary: 'Khóa người dùng / disable a user (sign-in refused, sessions end)',
  security,
  params: Type.Object({ username: Type.String() }),
  response: { 200: Type.Object({ user: UserView, changed: Type.Boolean() }), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
};
