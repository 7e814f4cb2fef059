import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const SiteInput = Body({
  name: text(120),
  street: text(200),
  postalCode: text(16),
  city: text(120),
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
  accountingUnit: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
});

export const SiteUpdate = Type.Partial(SiteInput, { additionalProperties: false });

export const SiteOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  street: Type.String(),
  postalCode: Type.String(),
  city: Type.String(),
  country: Type.String(),
  accountingUnit: Type.Union([Type.String(), Type.Null()]),
  unitCount: Type.Integer(),
});
