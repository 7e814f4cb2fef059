import type { Static } from 'typebox';
import type { Tariff } from '../../db/schema.ts';
import { tariffState } from './tariffs.rules.ts';
import type { ResidentTariffOut, TariffOut } from './tariffs.schemas.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export function presentTariff(t: Tariff, now: Date): Static<typeof TariffOut> {
  return {
    id: t.id, siteId: t.site_id, applianceKind: t.appliance_kind, metering: t.metering,
    unitPriceMinor: t.unit_price_minor, sessionFeeMinor: t.session_fee_minor, vatRateBp: t.vat_rate_bp, currency: t.currency,
    validFrom: iso(t.valid_from), validTo: t.valid_to === null ? null : iso(t.valid_to), state: tariffState(t, now), createdAt: iso(t.created_at),
  };
}

export function presentResidentTariff(t: Tariff & { site_name: string }, now: Date): Static<typeof ResidentTariffOut> {
  return { ...presentTariff(t, now), siteName: t.site_name };
}
