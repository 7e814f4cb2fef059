import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';
import { MAX_PRICE_MINOR } from './tariffs.rules.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ApplianceKind = Type.Union([Type.Literal('washer'), Type.Literal('dryer'), Type.Literal('ironer'), Type.Literal('ev_connector')]);
export const Metering = Type.Union([Type.Literal('energy'), Type.Literal('time'), Type.Literal('impulse')]);
const Price = Type.Integer({ minimum: 0, maximum: MAX_PRICE_MINOR });

export const TariffParams = Type.Object({ id: Uuid, tariffId: Uuid }, { additionalProperties: false });

export const CreateTariffInput = Body({
  applianceKind: ApplianceKind,
  metering: Metering,
  /** Minor units per kWh (energy), per hour (time) or per impulse, VAT included. */
  unitPriceMinor: Price,
  sessionFeeMinor: Type.Optional(Price),
  /** Basis points (2000 = 20 %); defaults to the standard rate of the site's country. */
  vatRateBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  /** Defaults to now. Never in the past: a price once shown stays what it was. */
  validFrom: Type.Optional(Type.String({ format: 'date-time' })),
  validTo: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
});

const tariffFields = {
  id: Type.String(),
  siteId: Type.String(),
  applianceKind: ApplianceKind,
  metering: Metering,
  unitPriceMinor: Type.Integer(),
  sessionFeeMinor: Type.Integer(),
  vatRateBp: Type.Integer(),
  currency: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  state: Type.Union([Type.Literal('past'), Type.Literal('current'), Type.Literal('future')]),
  createdAt: Type.String(),
};

export const TariffOut = Type.Object(tariffFields);
export const ResidentTariffOut = Type.Object({ ...tariffFields, siteName: Type.String() });
