// The printed instructions' words in the five languages (i18n/*.json, the same keys in each).
import type { Language } from '../../db/schema.ts';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import nl from './i18n/nl.json' with { type: 'json' };
import pl from './i18n/pl.json' with { type: 'json' };

export type InstructionTexts = typeof en;

// Typed against the English file: a language missing a text does not compile.
const catalogues: Record<Language, InstructionTexts> = { de, fr, nl, pl, en };

export const instructionTexts = (language: Language): InstructionTexts => catalogues[language];
