// The invoices' words in the five languages (i18n/*.json, the same keys in each).
import type { Language } from '../../db/schema.ts';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import nl from './i18n/nl.json' with { type: 'json' };
import pl from './i18n/pl.json' with { type: 'json' };

export type InvoiceTexts = typeof en;

// Typed against the English file: a language missing a text does not compile.
const catalogues: Record<Language, InvoiceTexts> = { de, fr, nl, pl, en };

export const invoiceTexts = (language: Language): InvoiceTexts => catalogues[language];

/** A text with its {placeholders} filled in. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** "1st reminder", "2. Mahnung", …; null for level 0 (no reminder yet). */
export function reminderLabel(language: Language, level: number): string | null {
  if (level < 1) return null;
  const t = invoiceTexts(language);
  return t[`reminder_${Math.min(level, 5) as 1 | 2 | 3 | 4 | 5}`];
}
