// Every UI string in all five languages: each namespace of web/src/i18n has the same keys in
// every language, and no text is empty. (The server's catalogues are typed against English.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../web/src/i18n');
const languages = ['de', 'fr', 'nl', 'pl', 'en'];

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

function empty(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [prefix] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => empty(inner, prefix ? `${prefix}.${key}` : key));
}

describe('the portal\'s translations', () => {
  const namespaces = readdirSync(join(root, 'en')).filter((f) => f.endsWith('.json'));
  it.each(namespaces)('%s has the same keys in every language, none empty', (file) => {
    const english = keys(JSON.parse(readFileSync(join(root, 'en', file), 'utf8'))).sort();
    for (const language of languages) {
      const catalogue = JSON.parse(readFileSync(join(root, language, file), 'utf8'));
      expect(keys(catalogue).sort(), `${language}/${file}`).toEqual(english);
      expect(empty(catalogue), `${language}/${file}`).toEqual([]);
    }
  });
});
