// How a lock's secrets are kept: the registration secret printed on the lock (which also
// authenticates it at the gateway) and its keys' PINs, both only as SHA-256. The portal, the
// gateway, the demo and the tests all hash through here, so they cannot drift apart.
import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the registry keeps of the secret on a lock's label. */
export const secretHash = (secret: string) => sha256(secret);

/** What a lock compares a PIN with: it hashes what is typed the same way (docs/protocol.md). */
export const pinHash = (serial: string, pin: string) => sha256(`${serial}:${pin}`);

/** Whether a secret matches the stored hash, in constant time. */
export function sameSecret(secret: string, storedHash: string): boolean {
  const given = Buffer.from(secretHash(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
