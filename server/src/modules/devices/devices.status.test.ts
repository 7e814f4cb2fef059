import { describe, expect, it } from 'vitest';
import { liveStatus } from './devices.status.ts';

const online = { connected: true, registration: 'accepted' as const, running: false };

describe('liveStatus', () => {
  it('is offline when the device is not connected, whatever it said last', () => {
    expect(liveStatus({ ...online, connected: false, ocppStatus: 'Available' })).toBe('offline');
    expect(liveStatus({ ...online, connected: false, ocppStatus: 'Faulted', running: true })).toBe('offline');
  });

  it('maps what the device reports', () => {
    expect(liveStatus({ ...online, ocppStatus: 'Available' })).toBe('free');
    expect(liveStatus({ ...online, ocppStatus: 'Faulted' })).toBe('fault');
    expect(liveStatus({ ...online, ocppStatus: 'Unavailable' })).toBe('unavailable');
    for (const status of ['Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Reserved']) expect(liveStatus({ ...online, ocppStatus: status })).toBe('busy');
    expect(liveStatus({ ...online, ocppStatus: 'SomethingNew' })).toBe('offline');
    expect(liveStatus({ ...online, ocppStatus: null })).toBe('offline');
  });

  it('is busy while a session runs, even before the device says so; a fault still shows', () => {
    expect(liveStatus({ ...online, ocppStatus: 'Available', running: true })).toBe('busy');
    expect(liveStatus({ ...online, ocppStatus: null, running: true })).toBe('busy');
    expect(liveStatus({ ...online, ocppStatus: 'Faulted', running: true })).toBe('fault');
  });

  it('is unavailable while staff have not accepted the device', () => {
    expect(liveStatus({ ...online, registration: 'pending', ocppStatus: 'Available' })).toBe('unavailable');
    expect(liveStatus({ ...online, registration: 'rejected', ocppStatus: 'Available' })).toBe('unavailable');
  });
});
