// Decides whether a device may open an OCPP connection under the identity in its URL.
// The seam for the devices module: once devices exist, an unknown identity is refused with
// HTTP 404 and a device with a stored password must present it (OCPP Security Profile 1).
import type { Deps } from '../../deps.ts';

export interface DeviceHandshake {
  identity: string;
  /** The HTTP Basic password, when the device sent one whose user name is its identity. */
  password: Buffer | undefined;
  remoteAddress: string | undefined;
}

/** What the gateway keeps about an accepted connection. */
export interface DeviceSession {
  identity: string;
}

export type DeviceAuthentication = { accepted: true; session: DeviceSession } | { accepted: false; status: 401 | 404 };

export async function authenticateDevice(_deps: Deps, handshake: DeviceHandshake): Promise<DeviceAuthentication> {
  // No devices are registered yet, so every identity is let in and answered "Pending".
  return { accepted: true, session: { identity: handshake.identity } };
}
