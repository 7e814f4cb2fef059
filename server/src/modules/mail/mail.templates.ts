// The texts of every mail in the five portal languages (templates/*.json, the same keys in each).
// A template is a subject and a body with {placeholders}; the body's blank lines separate
// paragraphs, which also make a minimal HTML part in which the {url} becomes a link.
import type { Language, TenantRole } from '../../db/schema.ts';
import de from './templates/de.json' with { type: 'json' };
import en from './templates/en.json' with { type: 'json' };
import fr from './templates/fr.json' with { type: 'json' };
import nl from './templates/nl.json' with { type: 'json' };
import pl from './templates/pl.json' with { type: 'json' };
import type { Mail } from './mail.usecases.ts';

type Catalogue = typeof en;
// Typed against the English file: a language missing a template or role does not compile.
export const catalogues: Record<Language, Catalogue> = { de, fr, nl, pl, en };

export type TemplateName = Exclude<keyof Catalogue, 'footer' | 'roles'>;

export function roleLabel(language: Language, role: TenantRole): string {
  return catalogues[language].roles[role];
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function fill(template: string, vars: Record<string, string>, encode: (name: string, value: string) => string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? encode(name, vars[name]!) : whole));
}

export function renderMail(to: string, language: Language, name: TemplateName, vars: Record<string, string>): Mail {
  const catalogue = catalogues[language];
  const template = catalogue[name];
  const subject = fill(template.subject, vars, (_n, v) => v);
  const text = `${fill(template.body, vars, (_n, v) => v)}\n\n-- \n${catalogue.footer}\n`;
  const htmlBody = fill(escapeHtml(template.body), vars, (n, v) => (n === 'url' ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v)));
  const paragraphs = [...htmlBody.split('\n\n'), `<small>${escapeHtml(catalogue.footer)}</small>`];
  const html = `<!doctype html><html lang="${language}"><body>${paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`).join('')}</body></html>`;
  return { to, subject, text, html };
}
