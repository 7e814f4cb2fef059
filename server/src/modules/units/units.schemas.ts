import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Kind = Type.Union([Type.Literal('flat'), Type.Literal('parking_space'), Type.Literal('laundry_room'), Type.Literal('garage')]);
const Floor = Type.Union([Type.String({ maxLength: 20 }), Type.Null()]);

export const UnitInput = Body({
  siteId: Uuid,
  kind: Kind,
  label: Type.String({ minLength: 1, maxLength: 80 }),
  floor: Type.Optional(Floor),
});

export const UnitUpdate = Body({
  kind: Type.Optional(Kind),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  floor: Type.Optional(Floor),
});

export const UnitOut = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  kind: Kind,
  label: Type.String(),
  floor: Type.Union([Type.String(), Type.Null()]),
  occupancyCount: Type.Integer(),
});
