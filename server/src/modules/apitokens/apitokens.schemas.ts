import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

/** Everything a token can be allowed. Routes opt in with `config: { tokenScope }`. */
export const API_SCOPES = ['sites:read', 'units:read', 'people:read', 'meters:write'] as const;

export const ApiTokenInput = Body({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  scopes: Type.Array(Type.Union(API_SCOPES.map((s) => Type.Literal(s))), { minItems: 1, uniqueItems: true }),
});

const Stamp = Type.Union([Type.String(), Type.Null()]);

export const ApiTokenOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String(),
  lastUsedAt: Stamp,
  revokedAt: Stamp,
});

export const CreatedApiTokenOut = Type.Object({ ...ApiTokenOut.properties, token: Type.String() });
