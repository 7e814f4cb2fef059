// What a resident or staff member would call an appliance's state, from what the device last
// reported and whether the device is online at all. Pure: the list, the live feed and the
// gateway's own views all derive it the same way.
import type { DeviceRegistration } from '../../db/schema.ts';

export type LiveStatus = 'free' | 'busy' | 'fault' | 'offline' | 'unavailable';

const BUSY = new Set(['Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Reserved']);

export function liveStatus(input: { connected: boolean; registration: DeviceRegistration; ocppStatus: string | null; running: boolean }): LiveStatus {
  if (!input.connected) return 'offline';
  // A device staff have not accepted (or have rejected) may talk to us but must not be used.
  if (input.registration !== 'accepted') return 'unavailable';
  if (input.ocppStatus === 'Faulted') return 'fault';
  if (input.ocppStatus === 'Unavailable') return 'unavailable';
  if (input.running || (input.ocppStatus !== null && BUSY.has(input.ocppStatus))) return 'busy';
  if (input.ocppStatus === 'Available') return 'free';
  return 'offline';
}
