// What the payment page shows the resident as the thing paid for, in their language.
import type { Language } from '../../db/schema.ts';

const TOP_UP: Record<Language, (tenant: string) => string> = {
  de: (tenant) => `Guthaben-Aufladung – ${tenant}`,
  fr: (tenant) => `Recharge du porte-monnaie – ${tenant}`,
  nl: (tenant) => `Opwaardering van het tegoed – ${tenant}`,
  pl: (tenant) => `Doładowanie portfela – ${tenant}`,
  en: (tenant) => `Wallet top-up – ${tenant}`,
};

const INVOICE: Record<Language, (number: string, tenant: string) => string> = {
  de: (number, tenant) => `Rechnung ${number} – ${tenant}`,
  fr: (number, tenant) => `Facture ${number} – ${tenant}`,
  nl: (number, tenant) => `Factuur ${number} – ${tenant}`,
  pl: (number, tenant) => `Faktura ${number} – ${tenant}`,
  en: (number, tenant) => `Invoice ${number} – ${tenant}`,
};

/** The line item of an invoice paid by card: its number and the property manager who issued it. */
export function invoicePaymentDescription(language: Language, number: string, tenantName: string): string {
  return INVOICE[language](number, tenantName);
}

/** The line item of a card top-up, naming the property manager whose wallet it fills. */
export function topUpDescription(language: Language, tenantName: string): string {
  return TOP_UP[language](tenantName);
}
