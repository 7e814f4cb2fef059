// What the payment page shows the resident as the thing paid for, in their language.
import type { Language } from '../../db/schema.ts';

const TOP_UP: Record<Language, (tenant: string) => string> = {
  de: (tenant) => `Guthaben-Aufladung – ${tenant}`,
  fr: (tenant) => `Recharge du porte-monnaie – ${tenant}`,
  nl: (tenant) => `Opwaardering van het tegoed – ${tenant}`,
  pl: (tenant) => `Doładowanie portfela – ${tenant}`,
  en: (tenant) => `Wallet top-up – ${tenant}`,
};

/** The line item of a card top-up, naming the property manager whose wallet it fills. */
export function topUpDescription(language: Language, tenantName: string): string {
  return TOP_UP[language](tenantName);
}
