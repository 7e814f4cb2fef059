// Repeated wrong passwords lock an e-mail address with a growing delay: after 5 failures
// 30 s, then doubling per failure up to one hour. Counted per e-mail from the login history,
// so an unknown address behaves exactly like a known one.
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;
export const LOCKOUT_WINDOW_MS = 24 * 3_600_000;

export function lockedUntil(failures: { at: Date | string }[]): Date | null {
  if (failures.length < FREE_ATTEMPTS) return null;
  const delay = Math.min(FIRST_DELAY_MS * 2 ** (failures.length - FREE_ATTEMPTS), MAX_DELAY_MS);
  return new Date(new Date(failures[0]!.at).getTime() + delay);
}
