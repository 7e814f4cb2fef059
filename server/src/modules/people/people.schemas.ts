import { Type } from 'typebox';
import { Body, Uuid, VatId } from '../../http/types.ts';

const Language = Type.Union(['de', 'fr', 'nl', 'pl', 'en'].map((l) => Type.Literal(l)));
const optionalText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));
const Email = Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()]);

export const PersonInput = Body({
  firstName: Type.String({ minLength: 1, maxLength: 100 }),
  lastName: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.Optional(Email),
  landline: optionalText(40),
  mobile: optionalText(40),
  language: Language,
  /** A business customer's company: their invoices name it (and may carry a Factur-X e-invoice). */
  companyName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
  vatId: Type.Optional(Type.Union([VatId, Type.Null()])),
});

export const PersonUpdate = Type.Partial(PersonInput, { additionalProperties: false });

export const PeopleQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100 })),
  siteId: Type.Optional(Uuid),
}, { additionalProperties: false });

const PersonFields = {
  id: Type.String(),
  customerNumber: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  landline: Type.Union([Type.String(), Type.Null()]),
  mobile: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  companyName: Type.Union([Type.String(), Type.Null()]),
  vatId: Type.Union([Type.String(), Type.Null()]),
};

export const PersonOut = Type.Object(PersonFields);

export const PersonDetailOut = Type.Object({
  ...PersonFields,
  occupancies: Type.Array(Type.Object({
    id: Type.String(),
    unitId: Type.String(),
    unitLabel: Type.String(),
    siteId: Type.String(),
    siteName: Type.String(),
    relation: Type.String(),
    startsOn: Type.String(),
    endsOn: Type.Union([Type.String(), Type.Null()]),
  })),
});
