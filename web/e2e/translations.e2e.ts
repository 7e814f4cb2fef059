// Every namespace has the same keys in all five languages, no empty texts, and the same
// {{placeholders}} — a missing key would silently show English or the raw key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = 'web/src/i18n';
const LANGUAGES = ['de', 'fr', 'nl', 'pl', 'en'];

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    if (value && typeof value === 'object') for (const [k, v] of flatten(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, value);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(',');
const namespaces = [...new Set(LANGUAGES.flatMap((lang) => readdirSync(join(ROOT, lang)).filter((f) => f.endsWith('.json'))))].sort();

it('has the five languages and at least the common and auth namespaces', () => {
  expect(readdirSync(ROOT).filter((entry) => !entry.includes('.')).sort()).toEqual([...LANGUAGES].sort());
  expect(namespaces).toEqual(expect.arrayContaining(['auth.json', 'common.json', 'security.json']));
});

it.each(namespaces)('%s has the same keys, non-empty texts and the same placeholders in every language', (file) => {
  const english = flatten(JSON.parse(readFileSync(join(ROOT, 'en', file), 'utf8')));
  for (const lang of LANGUAGES) {
    const texts = flatten(JSON.parse(readFileSync(join(ROOT, lang, file), 'utf8')));
    expect([...texts.keys()].sort(), `${lang}/${file} keys`).toEqual([...english.keys()].sort());
    for (const [key, text] of texts) {
      expect(typeof text === 'string' && text.trim() !== '', `${lang}/${file} ${key} is empty`).toBe(true);
      expect(placeholders(String(text)), `${lang}/${file} ${key} placeholders`).toBe(placeholders(String(english.get(key))));
    }
  }
});
