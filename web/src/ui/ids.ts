// Client-chosen ids make money requests idempotent: a retry with the same id is the same request.
export function newId(): string {
  // randomUUID exists only in secure contexts; a portal opened over plain HTTP on a LAN still works.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An amount typed in major units (12.5) as integer minor units (1250); null when empty or not positive. */
export function toMinor(value: string | number): number | null {
  const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  if (!Number.isFinite(number) || number <= 0) return null;
  return Math.round(number * 100);
}
