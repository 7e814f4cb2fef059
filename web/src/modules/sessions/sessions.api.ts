// What the usage session endpoints return (server/src/modules/sessions/sessions.routes.ts), and
// the maximum cost of a pre-selection computed exactly as the server prices it
// (server/src/modules/tariffs/tariffs.pricing.ts), so the amount shown is the amount held.
import { STATUS_COLOR, type ApplianceKind, type LiveStatus, type Metering } from '../devices/devices.api.ts';

export type { ApplianceKind, LiveStatus, Metering };
export { STATUS_COLOR };

export type Unit = 'kWh' | 'min' | 'impulse';
export type SessionStatus = 'preselected' | 'active' | 'completed' | 'cancelled' | 'refused';
export type EndedBy = 'device' | 'user' | 'staff' | 'idle' | 'booked_time' | 'impulse_time' | 'balance' | 'offline';

export interface AppliancePrice {
  unit: Unit;
  /** Minor units per kWh, per hour (unit 'min') or per impulse. */
  unitPrice: number;
  sessionFee: number;
  /** Percent, e.g. 20 or 8.1. */
  vatRate: number;
  currency: string;
}

export interface MySession {
  id: string;
  status: 'preselected' | 'active';
  startedAt: string | null;
  quantity: number | null;
  heldMinor: number;
}

export interface MyAppliance {
  id: string;
  name: string;
  kind: ApplianceKind;
  metering: Metering;
  connectorId: number;
  deviceId: string;
  deviceName: string;
  siteId: string;
  siteName: string;
  room: string | null;
  status: LiveStatus;
  price: AppliancePrice | null;
  mySession: MySession | null;
}

export interface UsageSession {
  id: string;
  applianceId: string;
  applianceName: string;
  applianceKind: ApplianceKind;
  siteName: string;
  status: SessionStatus;
  origin: 'device' | 'portal' | 'offline';
  metering: Metering;
  unit: Unit;
  startedAt: string | null;
  stoppedAt: string | null;
  preselectQuantity: number | null;
  quantity: number | null;
  unitPriceMinor: number;
  sessionFeeMinor: number;
  vatRatePercent: number;
  amountMinor: number | null;
  vatMinor: number | null;
  debtMinor: number;
  heldMinor: number;
  currency: string;
  endedBy: EndedBy | null;
}

export interface StaffSession extends UsageSession {
  personName: string | null;
  customerNumber: string | null;
}

export const UNIT_OF: Record<Metering, Unit> = { energy: 'kWh', time: 'min', impulse: 'impulse' };

export const SESSION_COLOR: Record<SessionStatus, string> = { preselected: 'yellow', active: 'blue', completed: 'green', cancelled: 'gray', refused: 'red' };

export const isRunning = (status: SessionStatus) => status === 'preselected' || status === 'active';

export interface QuantityRange { min: number; max: number; step: number; initial: number; decimals: number }

/** What a resident may pre-select. A car takes far more than a wash, so chargers get their own ranges. */
export function quantityRange(kind: ApplianceKind, metering: Metering): QuantityRange {
  const charger = kind === 'ev_connector';
  switch (metering) {
    case 'energy': return charger ? { min: 1, max: 60, step: 1, initial: 10, decimals: 1 } : { min: 0.5, max: 5, step: 0.5, initial: 1, decimals: 1 };
    case 'time': return charger ? { min: 15, max: 480, step: 15, initial: 120, decimals: 0 } : { min: 15, max: 180, step: 15, initial: 60, decimals: 0 };
    case 'impulse': return { min: 1, max: 8, step: 1, initial: 1, decimals: 0 };
  }
}

/** Integer division rounding half up, as the server does it. */
const divideRounded = (numerator: number, denominator: number) => Math.floor((2 * numerator + denominator) / (2 * denominator));

/**
 * The most a pre-selection can cost, in minor units: energy round(Wh × price / 1000) + fee,
 * time round(minutes × price per hour / 60) + fee, impulses n × price + fee. Nothing chosen costs nothing.
 */
export function maxCostMinor(price: Pick<AppliancePrice, 'unit' | 'unitPrice' | 'sessionFee'>, quantity: number): number {
  if (!Number.isFinite(quantity) || quantity <= 0) return 0;
  switch (price.unit) {
    case 'kWh': return divideRounded(Math.round(quantity * 1000) * price.unitPrice, 1000) + price.sessionFee;
    case 'min': return divideRounded(Math.ceil(quantity) * price.unitPrice, 60) + price.sessionFee;
    case 'impulse': return Math.ceil(quantity) * price.unitPrice + price.sessionFee;
  }
}
