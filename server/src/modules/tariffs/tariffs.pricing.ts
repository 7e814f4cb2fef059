// What a quantity costs at a tariff. Prices include VAT; amounts are integer minor units.
// Rounding: one rounding per session, half up, on the whole consumption (not per kWh or minute),
// so a session costs what its quantity times the unit price says, to the nearest minor unit.
//   energy  quantity in Wh,      price per kWh:  round(Wh × price / 1000)
//   time    quantity in minutes, price per hour: round(minutes × price / 60); started minutes count
//   impulse quantity in impulses, price per impulse
// The session fee is added when something was consumed; a session that never ran costs nothing.
import type { Metering } from '../../db/schema.ts';

export interface Price {
  metering: Metering;
  unitPriceMinor: number;
  sessionFeeMinor: number;
  /** Basis points: 2000 = 20 %. Included in the price. */
  vatRateBp: number;
}

/** Integer division rounding half up, for non-negative operands. */
function divideRounded(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export function costOf(price: Price, quantity: number): number {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a non-negative integer, got ${quantity}`);
  if (quantity === 0) return 0;
  switch (price.metering) {
    case 'energy': return divideRounded(quantity * price.unitPriceMinor, 1000) + price.sessionFeeMinor;
    case 'time': return divideRounded(quantity * price.unitPriceMinor, 60) + price.sessionFeeMinor;
    case 'impulse': return quantity * price.unitPriceMinor + price.sessionFeeMinor;
  }
}

/** The VAT contained in a price that includes it, rounded half up. */
export function vatIncluded(amountMinor: number, vatRateBp: number): number {
  return divideRounded(amountMinor * vatRateBp, 10_000 + vatRateBp);
}

/** Started minutes between two instants: 61 seconds are 2 minutes. */
export function billedMinutes(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 60_000));
}

/** The unit a metering is pre-selected and shown in at a terminal. */
export const DISPLAY_UNIT = { energy: 'kWh', time: 'min', impulse: 'impulse' } as const;

/** A pre-selection as the terminal sends it (kWh with decimals, minutes, impulses) in stored units (Wh, minutes, impulses). */
export function storedQuantity(metering: Metering, quantity: number): number {
  return metering === 'energy' ? Math.round(quantity * 1000) : Math.ceil(quantity);
}
