// What the lock endpoints take and return (server/src/modules/locks/locks.schemas.ts), and the
// few ways the pages put a licence and a key's time window into words.
import type { TFunction } from 'i18next';
import { formatDate } from '../../format.ts';

export type Right = 'owner' | 'shared' | 'reader';
export type Phase = 'free' | 'paid' | 'lapsed';
export const MEDIA = ['phone', 'fob', 'pin', 'rfid'] as const;
export type Medium = (typeof MEDIA)[number];
export const EVENT_KINDS = ['opened', 'denied', 'battery_low', 'tamper', 'locked'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface Licence {
  management: 'full' | 'revoke_only';
  phase: Phase;
  freeUntil: string;
  managedUntil: string | null;
  orgOptionUntil: string | null;
  sharing: boolean;
  purchasedKeys: number;
  keySlotsUsed: number;
  activeKeys: number;
  issuableKeys: number;
  keyLimit: number;
}

export interface Lock {
  id: string;
  serial: string;
  name: string;
  owner: { id: string; name: string };
  site: { id: string; name: string } | null;
  unit: { id: string; label: string } | null;
  registeredAt: string;
  right: Right;
  licence: Licence;
  whitelistVersion: number;
  syncedVersion: number | null;
  lastSeenAt: string | null;
  batteryLowAt: string | null;
  tamperAt: string | null;
}

export interface Key {
  id: string;
  holderName: string;
  personId: string | null;
  organisationId: string | null;
  medium: Medium | null;
  identifier: string | null;
  validFrom: string | null;
  validUntil: string | null;
  weekdays: number;
  minutesFrom: number | null;
  minutesUntil: number | null;
  issuedAt: string;
  revokedAt: string | null;
  pseudonym: string;
}

export interface KeysPage { total: number; page: number; pageSize: number; keys: Key[] }
export interface IssuedKey { key: Key; secret: string | null; lock: Lock }

export interface LockEvent {
  id: number;
  at: string;
  kind: EventKind;
  keyId: string | null;
  holderName: string | null;
  keyPseudonym: string | null;
  medium: Medium | null;
  detail: string | null;
}
export interface EventsPage { total: number; page: number; pageSize: number; events: LockEvent[] }

export interface Account {
  id: string;
  name: string;
  kind: 'organisation' | 'lock_owner';
  buildingManagementAt: string | null;
  organisationManagementAt: string | null;
}

export interface Organisation { id: string; name: string }
export interface EventSettings { retentionDays: number; pseudonymiseDays: number }

export interface Hardware {
  serial: string;
  model: string | null;
  firstRegisteredAt: string | null;
  freeUntil: string | null;
  managedUntil: string | null;
  registeredWith: string | null;
}

export type Product = 'management_5y' | 'organisation_option' | 'organisation_management' | 'key_pack';
export interface Redeemed { product: Product; lock?: { id: string; serial: string }; party?: { id: string } }

/** The licence as a coloured badge's colour and words: free period, managed, revoke only. */
export function licenceBadge(t: TFunction, licence: Licence): { color: string; label: string } {
  if (licence.phase === 'lapsed') return { color: 'red', label: t('locks:licence.badge.lapsed') };
  if (licence.phase === 'paid') return { color: 'green', label: t('locks:licence.badge.paid', { date: formatDate(licence.managedUntil) }) };
  return { color: 'blue', label: t('locks:licence.badge.free', { date: formatDate(licence.freeUntil) }) };
}

/** Typed as the card prints it: four groups of four, upper case, hyphens between. */
export function formatCode(text: string): string {
  const clean = text.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16);
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Bit 0 Monday … bit 6 Sunday, as runs: "Mon–Fri", "Mon, Wed", or nothing for every day. */
function weekdayWords(t: TFunction, weekdays: number): string | null {
  if (weekdays === 127) return null;
  const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => weekdays & (1 << d));
  const runs: number[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d); else runs.push([d]);
  }
  const name = (d: number) => t(`locks:weekdays.short.${d}`);
  return runs.map((r) => (r.length >= 3 ? `${name(r[0]!)}–${name(r[r.length - 1]!)}` : r.map(name).join(', '))).join(', ');
}

/** A key's time window in words, e.g. "Mon–Fri 07:00–18:00, until 31.12.2026"; "always" without limits. */
export function windowWords(t: TFunction, key: Pick<Key, 'weekdays' | 'minutesFrom' | 'minutesUntil' | 'validFrom' | 'validUntil'>): string {
  const parts: string[] = [];
  const days = weekdayWords(t, key.weekdays);
  const hours = key.minutesFrom !== null || key.minutesUntil !== null ? `${hhmm(key.minutesFrom ?? 0)}–${hhmm(key.minutesUntil ?? 1440)}` : null;
  if (days || hours) parts.push([days, hours].filter(Boolean).join(' '));
  if (key.validFrom) parts.push(t('locks:window.from', { date: formatDate(key.validFrom) }));
  if (key.validUntil) parts.push(t('locks:window.until', { date: formatDate(key.validUntil) }));
  return parts.length ? parts.join(', ') : t('locks:window.always');
}
