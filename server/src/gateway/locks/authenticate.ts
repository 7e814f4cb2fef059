// Who is connecting: HTTP Basic `serial:secret` in the upgrade request (as OCPP security
// profile 1), checked against lock_hardware.secret_hash (SHA-256, compared in constant time).
// Lookups arriving together are answered by one query (a reconnect storm of thousands of locks
// costs a handful of statements).
import type { IncomingMessage } from 'node:http';
import type { Db } from '../../db/client.ts';
import { asPlatform } from '../../db/scope.ts';
import { sameSecret, secretHash } from '../../modules/locks/locks.secrets.ts';
import { timeZoneOf } from '../../modules/tenancy/countries.ts';
import { findHardware, type HardwareRow } from './locks.gateway.repository.ts';

export interface AuthenticatedLock {
  serial: string;
  tenantId: string;
  lockId: string;
  timeZone: string;
  version: number;
}

export type Authentication = { ok: true; lock: AuthenticatedLock } | { ok: false; status: 401 | 404 };

/** Compared with when the serial is unknown, so that answer takes as long as a wrong secret. */
const NOBODY = secretHash('no lock has this secret');

/** serial and secret from `Authorization: Basic base64(serial:secret)`, or null. */
export function basicCredentials(request: IncomingMessage): { serial: string; secret: string } | null {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { serial: decoded.slice(0, colon), secret: decoded.slice(colon + 1) } : null;
}

const MAX_BATCH = 1_000;

/** Looks hardware up by serial, many serials in one query per turn of the event loop. */
export class HardwareLookup {
  private queued = new Map<string, { resolve(row: HardwareRow | undefined): void; reject(err: unknown): void }[]>();
  private scheduled = false;

  constructor(private readonly db: Db) {}

  find(serial: string): Promise<HardwareRow | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.queued.get(serial);
      if (waiting) waiting.push({ resolve, reject });
      else this.queued.set(serial, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.run());
      }
    });
  }

  private run(): void {
    this.scheduled = false;
    const all = [...this.queued.entries()];
    this.queued = new Map();
    for (let i = 0; i < all.length; i += MAX_BATCH) {
      const batch = all.slice(i, i + MAX_BATCH);
      asPlatform(this.db, (tx) => findHardware(tx, batch.map(([serial]) => serial))).then((rows) => {
        const bySerial = new Map(rows.map((r) => [r.serial, r]));
        for (const [serial, waiting] of batch) for (const w of waiting) w.resolve(bySerial.get(serial));
      }, (err) => {
        for (const [, waiting] of batch) for (const w of waiting) w.reject(err);
      });
    }
  }
}

/** 401 for an unknown serial or a wrong secret; 404 for a lock that is not registered now. */
export async function authenticateLock(lookup: HardwareLookup, request: IncomingMessage): Promise<Authentication> {
  const credentials = basicCredentials(request);
  if (!credentials) return { ok: false, status: 401 };
  const hardware = await lookup.find(credentials.serial);
  if (!sameSecret(credentials.secret, hardware?.secret_hash ?? NOBODY) || !hardware) return { ok: false, status: 401 };
  if (!hardware.tenant_id || !hardware.lock_id || hardware.removed_at !== null || hardware.whitelist_version === null) return { ok: false, status: 404 };
  return { ok: true, lock: { serial: hardware.serial, tenantId: hardware.tenant_id, lockId: hardware.lock_id, timeZone: timeZoneOf(hardware.country ?? ''), version: hardware.whitelist_version } };
}
