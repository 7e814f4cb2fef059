import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

const Language = Type.Union(['de', 'fr', 'nl', 'pl', 'en'].map((l) => Type.Literal(l)));
const Currency = Type.Union(['EUR', 'CHF', 'PLN'].map((c) => Type.Literal(c)));
const Country = Type.Union(['AT', 'CH', 'DE', 'FR', 'NL', 'PL', 'BE', 'LU', 'IT'].map((c) => Type.Literal(c)));
const OperatingMode = Type.Union([Type.Literal('platform_billing'), Type.Literal('owner_statements')]);
const Name = Type.String({ minLength: 1, maxLength: 120 });

export const TenantInput = Body({
  name: Name,
  shortCode: Type.String({ pattern: '^[a-z0-9]{2,16}$' }),
  country: Country,
  currency: Currency,
  defaultLanguage: Language,
  operatingMode: OperatingMode,
  admin: Body({
    email: Type.String({ format: 'email', maxLength: 254 }),
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
  }),
});

/** What the operator may change after creation; short code and currency are fixed (badges, ledgers). */
export const OperatorTenantUpdate = Body({
  name: Type.Optional(Name),
  country: Type.Optional(Country),
  defaultLanguage: Type.Optional(Language),
  operatingMode: Type.Optional(OperatingMode),
});

export const OwnTenantUpdate = Body({
  name: Type.Optional(Name),
  defaultLanguage: Type.Optional(Language),
  operatingMode: Type.Optional(OperatingMode),
});

export const TenantOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortCode: Type.String(),
  country: Type.String(),
  currency: Type.String(),
  defaultLanguage: Type.String(),
  operatingMode: Type.String(),
  createdAt: Type.String(),
});

export const TenantWithCountsOut = Type.Object({
  ...TenantOut.properties,
  siteCount: Type.Integer(),
  unitCount: Type.Integer(),
  peopleCount: Type.Integer(),
});
