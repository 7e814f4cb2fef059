export const RELATIONS = ['tenant', 'owner', 'holder'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Today as `YYYY-MM-DD` in the user's time zone (what a date input holds). */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
