// Finds the wallet a bank credit tops up, or the invoice or fee it pays. In order of trust: the
// structured reference printed on the invoice or payment slip (an invoice's, a fee's or a wallet's), a badge label in the free text, a
// customer number in the free text. The person must exist in the importing tenant and the money
// must be in the tenant's currency.
import type { Tx } from '../../db/scope.ts';
import { customerNumberFromReference, feeNumberFromReference } from '../banking/references.ts';
import { holderOfBadgeLabel } from '../authorization/authorization.claim.usecases.ts';
import { feeByNumber } from '../fees/fees.usecases.ts';
import { invoiceByReference } from '../invoices/invoices.payments.ts';
import type { CreditEntry } from './bankimport.camt.ts';
import * as repo from './bankimport.repository.ts';

export interface ImportingTenant {
  id: string;
  shortCode: string;
  currency: string;
}

export type Match =
  | { personId: string; matchedBy: 'reference' | 'badge' | 'customer_number'; feeId?: string; invoiceId?: string }
  | { personId: null; reviewReason: 'no_match' | 'unknown_customer' | 'currency' };

/** `ID*heimbau*1234` as printed on a badge; payers copy it into the free text. */
export function badgeLabelInText(text: string | null, shortCode: string): string | null {
  const match = text ? new RegExp(`\\bID\\*${shortCode}\\*([0-9]{1,12})\\b`, 'i').exec(text) : null;
  return match ? `ID*${shortCode.toLowerCase()}*${match[1]}` : null;
}

/** `HEIMBAU-10002` anywhere in the free text, in any case. */
export function customerNumberInText(text: string | null, shortCode: string): string | null {
  const match = text ? new RegExp(`(?<![A-Z0-9])${shortCode}-([0-9]{1,12})(?![0-9])`, 'i').exec(text) : null;
  return match ? `${shortCode.toUpperCase()}-${match[1]}` : null;
}

/**
 * The person holding the badge with this label: its holder's wallet is topped up (seed 003: the
 * account behind the card is credited, not the card). An auto-registered badge's own account
 * keeps the money until a resident claims the badge and the balance with it.
 */
export function personOfBadgeLabel(tx: Tx, tenantId: string, label: string): Promise<string | null> {
  return holderOfBadgeLabel(tx, tenantId, label);
}

export async function matchEntry(tx: Tx, tenant: ImportingTenant, entry: CreditEntry): Promise<Match> {
  if (entry.currency !== tenant.currency) return { personId: null, reviewReason: 'currency' };
  let named = false; // the payer named someone, but nobody by that number lives here

  const invoice = entry.structuredReference ? await invoiceByReference(tx, tenant.id, entry.structuredReference) : undefined;
  if (invoice) return { personId: invoice.person_id, matchedBy: 'reference', invoiceId: invoice.id };
  const feeNumber = entry.structuredReference ? feeNumberFromReference(entry.structuredReference, tenant.shortCode) : null;
  if (feeNumber !== null) {
    const fee = await feeByNumber(tx, tenant.id, feeNumber);
    if (fee) return { personId: fee.personId, matchedBy: 'reference', feeId: fee.id };
    named = true;
  }
  const fromReference = entry.structuredReference ? customerNumberFromReference(entry.structuredReference, tenant.shortCode) : null;
  if (fromReference) {
    const personId = await repo.personByCustomerNumber(tx, tenant.id, fromReference);
    if (personId) return { personId, matchedBy: 'reference' };
    named = true;
  }
  const label = badgeLabelInText(entry.freeText, tenant.shortCode);
  if (label) {
    const personId = await personOfBadgeLabel(tx, tenant.id, label);
    if (personId) return { personId, matchedBy: 'badge' };
  }
  const fromText = customerNumberInText(entry.freeText, tenant.shortCode);
  if (fromText) {
    const personId = await repo.personByCustomerNumber(tx, tenant.id, fromText);
    if (personId) return { personId, matchedBy: 'customer_number' };
    named = true;
  }
  return { personId: null, reviewReason: named ? 'unknown_customer' : 'no_match' };
}
