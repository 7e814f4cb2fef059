// Who may open an OCPP connection: a registered identity (else HTTP 404) presenting its password
// by HTTP Basic auth (OCPP security profile 1; profile 2 is the same over TLS). The argon2id check
// is costly by design, so a password once verified is remembered by its SHA-256 for as long as the
// stored hash stays the same: reconnecting devices cost a hash, not an argon2 run.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { verifyPassword } from '../../modules/auth/auth.passwords.ts';
import { findDevice, type ConnectedDevice } from '../../modules/devices/devices.link.ts';

export interface DeviceHandshake {
  identity: string;
  /** The HTTP Basic password, when the device sent one whose user name is its identity. */
  password: Buffer | undefined;
}

export type DeviceAuthentication = { accepted: true; device: ConnectedDevice } | { accepted: false; status: 401 | 404 };

export class VerifiedPasswords {
  private readonly entries = new Map<string, { passwordHash: string; digest: Buffer }>();

  matches(identity: string, passwordHash: string, password: Buffer): boolean {
    const entry = this.entries.get(identity);
    return entry !== undefined && entry.passwordHash === passwordHash && timingSafeEqual(entry.digest, digest(password));
  }

  remember(identity: string, passwordHash: string, password: Buffer): void {
    this.entries.set(identity, { passwordHash, digest: digest(password) });
  }
}

const digest = (password: Buffer) => createHash('sha256').update(password).digest();

export async function authenticateDevice(deps: Pick<Deps, 'db'>, handshake: DeviceHandshake, verified: VerifiedPasswords): Promise<DeviceAuthentication> {
  const row = await findDevice(deps, handshake.identity);
  if (!row) return { accepted: false, status: 404 };
  const { password } = handshake;
  if (row.password_hash === null || password === undefined) return { accepted: false, status: 401 };
  if (!verified.matches(handshake.identity, row.password_hash, password)) {
    if (!(await verifyPassword(row.password_hash, password.toString('utf8')))) return { accepted: false, status: 401 };
    verified.remember(handshake.identity, row.password_hash, password);
  }
  return {
    accepted: true,
    device: { tenantId: row.tenant_id, deviceId: row.id, identity: handshake.identity, kind: row.kind, siteId: row.site_id, registration: row.registration },
  };
}
