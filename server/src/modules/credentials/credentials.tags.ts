// What a device presents, in one normal form. OCPP idTags are case-insensitive, and readers
// print UIDs with or without separators; stored is upper-case hex without them. Only MIFARE
// Classic (ISO/IEC 14443 A) is accepted: its UID is what the terminals read.
import { createHmac, randomBytes } from 'node:crypto';
import { badUid, unsupportedTechnology } from './credentials.errors.ts';

const UID_BYTES = new Set([4, 7, 10]);

/** Upper-case hex without separators, or the error `credentials.bad_uid`. */
export function normalizeUid(raw: string, field?: string): string {
  const hex = raw.trim().replace(/[\s:.-]/g, '').toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex) || !UID_BYTES.has(hex.length / 2)) throw badUid(field);
  return hex;
}

/** The normal form of an idTag as a device sends it (case-insensitive per OCPP 1.6). */
export function normalizeIdTag(raw: string): string {
  return raw.trim().replace(/[\s:.-]/g, '').toUpperCase();
}

export type TechnologyInput = 'mifare_classic' | 'desfire' | 't_cl' | (string & {});

export function requireSupportedTechnology(technology: TechnologyInput, field?: string): 'mifare_classic' {
  if (technology !== 'mifare_classic') throw unsupportedTechnology(technology, field);
  return 'mifare_classic';
}

/** A phone's idTag: 20 characters (OCPP CiString20), upper-case so it survives any normalisation. */
export function newPhoneTag(): string {
  return 'PH' + randomBytes(9).toString('hex').toUpperCase();
}

/** A PIN is never stored: its tag is a keyed hash, unique per tenant like any other tag. */
export function pinTag(tenantId: string, pin: string, key: string): string {
  return 'PIN' + createHmac('sha256', key).update(`${tenantId}:${pin}`).digest('hex').slice(0, 17).toUpperCase();
}
