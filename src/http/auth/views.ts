import { Type } from 'typebox';
import type { TokenRecord } from '../../repositories/tokens.repository.ts';
import type { UserRecord } from '../../repositories/users.repository.ts';

const RoleSchema = Type.Union([
  Type.Literal('viewer'),
  Type.Literal('reporter'),
  Type.Literal('approver'),
  Type.Literal('unit_admin'),
  Type.Literal('system_admin'),
]);
export { RoleSchema };

export const GrantSchema = Type.Object({ unitCode: Type.String(), role: RoleSchema });

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  unit: Type.String(),
  unitName: Type.String(),
  disabled: Type.Boolean(),
  grants: Type.Array(GrantSchema),
  classifiedUnits: Type.Array(Type.String()),
});

export const TokenView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  unit: Type.String(),
  role: RoleSchema,
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'stable message code (catalogued); detail says it in the Accept-Language' })),
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String(), code: Type.Optional(Type.String()), params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))) }, { additionalProperties: true }))),
  },
  { additionalProperties: true },
);

/** A user as the API shows it: no password hash, ever. */
export function userView(user: UserRecord) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    unit: user.unitCode,
    unitName: user.unitName,
    disabled: user.disabled,
    grants: user.grants,
    classifiedUnits: user.classifiedUnits,
  };
}

/** A token as the API shows it: never its secret or hash. */
export function tokenView(token: TokenRecord) {
  return {
    id: token.id,
    name: token.name,
    unit: token.unitCode,
    role: token.role,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
