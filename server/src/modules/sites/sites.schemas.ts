import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** The portal's languages; a site prints its instructions in one or more of them. */
export const Language = Type.Union([Type.Literal('de'), Type.Literal('fr'), Type.Literal('nl'), Type.Literal('pl'), Type.Literal('en')]);
const Languages = Type.Array(Language, { minItems: 1, maxItems: 5, uniqueItems: true });

export const SiteInput = Body({
  name: text(120),
  street: text(200),
  postalCode: text(16),
  city: text(120),
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
  accountingUnit: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
  /** Left out on creation: the property manager's default language. */
  languages: Type.Optional(Languages),
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
  languages: Languages,
  unitCount: Type.Integer(),
});
