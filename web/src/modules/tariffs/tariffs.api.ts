// What the tariff endpoints return (server/src/modules/tariffs/tariffs.schemas.ts), and the
// exact conversion of typed decimals into the integers the API takes.
export type ApplianceKind = 'washer' | 'dryer' | 'ironer' | 'ev_connector';
export type Metering = 'energy' | 'time' | 'impulse';
export type TariffState = 'past' | 'current' | 'future';

export interface Tariff {
  id: string;
  siteId: string;
  applianceKind: ApplianceKind;
  metering: Metering;
  unitPriceMinor: number;
  sessionFeeMinor: number;
  vatRateBp: number;
  currency: string;
  validFrom: string;
  validTo: string | null;
  state: TariffState;
  createdAt: string;
}

export const APPLIANCE_KINDS: ApplianceKind[] = ['washer', 'dryer', 'ironer', 'ev_connector'];
export const METERINGS: Metering[] = ['energy', 'time', 'impulse'];
/** Charging points measure energy or time, never impulses (the server refuses them too). */
export const meteringsFor = (kind: ApplianceKind): Metering[] => (kind === 'ev_connector' ? ['energy', 'time'] : METERINGS);

export const stateColor: Record<TariffState, string> = { current: 'green', future: 'blue', past: 'gray' };

/** The server's default VAT rates by site country, in basis points (shown as the field's placeholder). */
export const STANDARD_VAT_BP: Record<string, number> = { AT: 2000, CH: 810, DE: 1900, FR: 2000, NL: 2100, PL: 2300 };

/**
 * A typed decimal ("0.50", "0,5", "12") in hundredths (50, 50, 1200), read digit by digit so no
 * floating-point rounding can creep in; null when it is not a number with at most two decimals.
 * Prices become minor units this way, and VAT percentages basis points.
 */
export function parseHundredths(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A `datetime-local` value (local time, no zone) as an ISO instant; null when empty. */
export const localToIso = (value: string) => (value ? new Date(value).toISOString() : null);
