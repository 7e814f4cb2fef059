// Password hashing with argon2id (OWASP's second recommended parameter set: 19 MiB, 2 passes).
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id, a const enum the compiler may not inline here

const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

// Verified against when the e-mail is unknown, so the answer takes as long as for a real user.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('concierge-timing-equaliser');
  await verify(await dummyHash, password);
}

export const MIN_PASSWORD_LENGTH = 10;
