// The fields of a session that leave the server: a receipt the resident can read.
import type { Metering } from '../../db/schema.ts';
import { DISPLAY_UNIT, vatIncluded } from '../tariffs/tariffs.pricing.ts';
import type { ListedSession } from './sessions.repository.ts';

/** Stored quantities (Wh, minutes, impulses) in the unit shown: kWh, minutes, impulses. */
export function shownQuantity(metering: Metering, quantity: number | null): number | null {
  if (quantity === null) return null;
  return metering === 'energy' ? quantity / 1000 : quantity;
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

export function presentSession(s: ListedSession) {
  const amount = s.amount_minor ?? null;
  return {
    id: s.id, applianceId: s.appliance_id, applianceName: s.appliance_name, applianceKind: s.appliance_kind, deviceName: s.device_name,
    siteName: s.site_name, status: s.status, origin: s.origin, metering: s.metering, unit: DISPLAY_UNIT[s.metering],
    startedAt: iso(s.started_at), stoppedAt: iso(s.stopped_at), preselectQuantity: shownQuantity(s.metering, s.preselect_quantity),
    quantity: shownQuantity(s.metering, s.quantity), unitPriceMinor: s.unit_price_minor, sessionFeeMinor: s.session_fee_minor,
    vatRatePercent: s.vat_rate_bp / 100, amountMinor: amount, vatMinor: amount === null ? null : vatIncluded(amount, s.vat_rate_bp),
    debtMinor: s.debt_minor, heldMinor: s.held_minor, currency: s.currency, endedBy: s.ended_by,
    personName: s.person_name, customerNumber: s.customer_number,
  };
}
export type SessionOut = ReturnType<typeof presentSession>;
