// What the operator's prepaid code endpoints return (server/src/modules/prepaidcodes/prepaidcodes.schemas.ts).
import type { Product } from '../locks/locks.api.ts';

export const PRODUCTS: Product[] = ['management_5y', 'organisation_option', 'organisation_management', 'key_pack'];

export interface Batch {
  id: string;
  product: Product;
  keysPerCode: number | null;
  quantity: number;
  redeemed: number;
  label: string | null;
  createdAt: string;
  createdBy: string;
}

export interface BatchCreated { batch: Batch; codes: string[] }

export interface Redemption {
  hint: string;
  redeemedAt: string;
  by: string | null;
  manager: string | null;
  lockSerial: string | null;
  partyName: string | null;
}

export interface Attempt { at: string; user: string; outcome: string; hint: string | null; lockSerial: string | null }

/** The codes as a file to keep: one line each, with the batch's product and label. */
export function codesCsv({ batch, codes }: BatchCreated): string {
  const label = (batch.label ?? '').replace(/[;\r\n]/g, ' ');
  return ['code;product;keys_per_code;label', ...codes.map((c) => `${c};${batch.product};${batch.keysPerCode ?? ''};${label}`)].join('\r\n') + '\r\n';
}
