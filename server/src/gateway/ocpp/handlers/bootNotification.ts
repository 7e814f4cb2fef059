// BootNotification: a device announces itself after (re)starting.
import type { Deps } from '../../../deps.ts';
import type { DeviceSession } from '../authenticate.ts';

/** How long a device waits before booting again while it is not yet accepted, in seconds. */
export const PENDING_RETRY_SECONDS = 60;

export interface BootNotificationRequest {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  firmwareVersion?: string;
}

export interface BootNotificationResponse {
  status: 'Accepted' | 'Pending' | 'Rejected';
  currentTime: string;
  interval: number;
}

export async function bootNotification(deps: Deps, device: DeviceSession, params: BootNotificationRequest): Promise<BootNotificationResponse> {
  deps.log.info({ identity: device.identity, vendor: params.chargePointVendor, model: params.chargePointModel }, 'ocpp boot notification');
  // "Pending" until the devices module can register the device: the device keeps its
  // connection and boots again after the interval.
  return { status: 'Pending', currentTime: deps.clock.now().toISOString(), interval: PENDING_RETRY_SECONDS };
}
