// What a prepaid code looks like: 16 characters of Crockford's base32, the last a Luhn mod 32
// check character over the first 15, shown as XXXX-XXXX-XXXX-XXXX. The check character catches
// every single mistyped character and every swap of two neighbours on the codes we issue, before
// the database is asked. Only the code's SHA-256 and its last four characters are ever stored.
import { createHash, randomBytes } from 'node:crypto';

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length; // 32
export const CODE_LENGTH = 16;
const BODY_LENGTH = CODE_LENGTH - 1;

/**
 * Luhn mod N weighs every second character (from the right) through a permutation, so any one
 * changed character changes the sum. A swap of neighbours a, b goes unseen only when
 * d(a) - a = d(b) - b, which for N = 32 happens for the alphabet's first and last characters
 * alone: '0' next to 'Z'. Codes with such a pair are not issued (see generateCode).
 */
const doubled = (value: number) => { const twice = value * 2; return Math.floor(twice / N) + (twice % N); };

function luhnSum(values: number[], doubleFirstFromRight: boolean): number {
  let sum = 0;
  let double = doubleFirstFromRight;
  for (let i = values.length - 1; i >= 0; i -= 1) {
    sum += double ? doubled(values[i]!) : values[i]!;
    double = !double;
  }
  return sum % N;
}

/** The check character for 15 characters of the alphabet. */
export function checkCharacter(body: string): string {
  const sum = luhnSum([...body].map((c) => ALPHABET.indexOf(c)), true);
  return ALPHABET[(N - sum) % N]!;
}

/** Whether a normalised 16-character code carries the right check character. */
export function checkPasses(code: string): boolean {
  return luhnSum([...code].map((c) => ALPHABET.indexOf(c)), false) === 0;
}

const UNSEEN_SWAP = /0Z|Z0/;

/** A new random code, normalised (no hyphens). 32 divides 256, so each byte modulo 32 is unbiased. */
export function generateCode(): string {
  for (;;) {
    const body = [...randomBytes(BODY_LENGTH)].map((byte) => ALPHABET[byte % N]).join('');
    const code = body + checkCharacter(body);
    // The one neighbour swap Luhn mod 32 cannot see: draw again (about 3 % of draws).
    if (!UNSEEN_SWAP.test(code)) return code;
  }
}

/** XXXX-XXXX-XXXX-XXXX, as printed on a card. */
export const displayCode = (code: string) => code.match(/.{4}/g)!.join('-');

export type ParsedCode =
  | { ok: true; code: string }
  | { ok: false; problem: 'malformed' | 'check_failed' };

/** What someone typed: case, spaces and hyphens do not matter; O reads as 0, I and L as 1. */
export function parseCode(input: string): ParsedCode {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return { ok: false, problem: 'malformed' };
  return checkPasses(code) ? { ok: true, code } : { ok: false, problem: 'check_failed' };
}

export const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');
export const codeHint = (code: string) => code.slice(-4);
