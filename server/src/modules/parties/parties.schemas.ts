import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Kind = Type.Union([Type.Literal('organisation'), Type.Literal('lock_owner')]);
const Email = Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]);

export const PartyInput = Body({
  kind: Kind,
  name: Type.String({ minLength: 1, maxLength: 160 }),
  personId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  email: Type.Optional(Email),
});

export const PartyUpdate = Type.Partial(PartyInput, { additionalProperties: false });

export const PartiesQuery = Type.Object({ kind: Type.Optional(Kind) }, { additionalProperties: false });

export const PartyOut = Type.Object({
  id: Type.String(),
  kind: Kind,
  name: Type.String(),
  personId: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
});
