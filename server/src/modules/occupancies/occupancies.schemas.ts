import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Relation = Type.Union([Type.Literal('tenant'), Type.Literal('owner'), Type.Literal('holder')]);
const Day = Type.String({ format: 'date' });

export const OccupancyInput = Body({
  unitId: Uuid,
  personId: Uuid,
  relation: Relation,
  startsOn: Day,
  endsOn: Type.Optional(Type.Union([Day, Type.Null()])),
});

export const OccupancyUpdate = Body({
  relation: Type.Optional(Relation),
  startsOn: Type.Optional(Day),
  endsOn: Type.Optional(Type.Union([Day, Type.Null()])),
});

export const OccupancyOut = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  personId: Type.String(),
  relation: Relation,
  startsOn: Type.String(),
  endsOn: Type.Union([Type.String(), Type.Null()]),
});
