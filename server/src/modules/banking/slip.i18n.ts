// The payment slip's texts in the five portal languages (i18n/*.json, the same keys in each).
import type { Language } from '../../db/schema.ts';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import nl from './i18n/nl.json' with { type: 'json' };
import pl from './i18n/pl.json' with { type: 'json' };

export type SlipTexts = typeof en;
// Typed against the English file: a language missing a text does not compile.
const catalogues: Record<Language, SlipTexts> = { de, fr, nl, pl, en };

export const slipTexts = (language: Language): SlipTexts => catalogues[language];

/** The QR-bill's own labels exist in DE/FR/IT/RM/EN only. */
export function qrBillLanguage(language: Language): 'DE' | 'FR' | 'EN' {
  return language === 'de' ? 'DE' : language === 'fr' ? 'FR' : 'EN';
}
