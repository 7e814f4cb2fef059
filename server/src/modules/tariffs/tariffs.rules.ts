// The rules a tariff obeys that need no database: allowed meterings, the default VAT rate, its state.
import type { ApplianceKind, Metering, Tariff } from '../../db/schema.ts';

/** 1,000.00 per unit or per session: far above any laundry or charging price, low enough to catch a typo in cents. */
export const MAX_PRICE_MINOR = 100_000;

/** Standard VAT rates in basis points, by the site's country; prices include VAT. */
export const STANDARD_VAT_BP: Record<string, number> = { AT: 2000, CH: 810, DE: 1900, FR: 2000, NL: 2100, PL: 2300 };

/** Charging points measure energy and time; impulses (a programme) exist only on laundry terminals. */
export const meteringAllowed = (kind: ApplianceKind, metering: Metering) => kind !== 'ev_connector' || metering !== 'impulse';

export type TariffState = 'past' | 'current' | 'future';

export function tariffState(t: Pick<Tariff, 'valid_from' | 'valid_to'>, now: Date): TariffState {
  if (new Date(t.valid_from) > now) return 'future';
  if (t.valid_to !== null && new Date(t.valid_to) <= now) return 'past';
  return 'current';
}

export const KIND_ORDER: ApplianceKind[] = ['washer', 'dryer', 'ironer', 'ev_connector'];
