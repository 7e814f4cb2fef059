// How a device may be wired (seed 003): a charger has EV connectors only; a laundry terminal
// switches washers, dryers and ironers either through at most 2 metered circuits (energy or time)
// or through at most 8 impulse outputs — the hardware is built one way or the other.
import type { ApplianceKind, DeviceKind, Metering } from '../../db/schema.ts';
import { chargerConnectorsOnly, chargerMetering, connectorTaken, mixedWiring, noConnectorOnTerminal, tooManyImpulse, tooManyMetered } from './devices.errors.ts';

export const MAX_METERED_CIRCUITS = 2;
export const MAX_IMPULSE_OUTPUTS = 8;

export interface Wire { connectorId: number; kind: ApplianceKind; metering: Metering }

/** Throws the first rule broken by adding `next` to a device whose other appliances are `others`. */
export function checkWiring(deviceKind: DeviceKind, others: Wire[], next: Wire): void {
  if (deviceKind === 'charger') {
    if (next.kind !== 'ev_connector') throw chargerConnectorsOnly();
    if (next.metering === 'impulse') throw chargerMetering();
  } else if (next.kind === 'ev_connector') {
    throw noConnectorOnTerminal();
  }
  if (others.some((o) => o.connectorId === next.connectorId)) throw connectorTaken();
  if (deviceKind === 'charger') return;
  const impulse = next.metering === 'impulse';
  if (others.some((o) => (o.metering === 'impulse') !== impulse)) throw mixedWiring();
  if (impulse && others.length + 1 > MAX_IMPULSE_OUTPUTS) throw tooManyImpulse(MAX_IMPULSE_OUTPUTS);
  if (!impulse && others.length + 1 > MAX_METERED_CIRCUITS) throw tooManyMetered(MAX_METERED_CIRCUITS);
}
