import { describe, expect, it } from 'vitest';
import { catalogues, renderMail } from './mail.templates.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k)).sort();
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

describe('mail templates', () => {
  it('has the same keys and placeholders in every language', () => {
    const reference = catalogues.en;
    for (const [language, catalogue] of Object.entries(catalogues)) {
      expect(keysOf(catalogue), language).toEqual(keysOf(reference));
      for (const name of ['invitation', 'passwordReset', 'passwordChanged', 'emailChangeConfirm', 'emailChangeNotice', 'refundApproved', 'refundRejected', 'refundExpired', 'badgeRequestApproved', 'badgeRequestRejected', 'invoiceIssued', 'invoiceReminder'] as const) {
        expect(placeholders(catalogue[name].body), `${language} ${name}`).toEqual(placeholders(reference[name].body));
        expect(placeholders(catalogue[name].subject), `${language} ${name}`).toEqual(placeholders(reference[name].subject));
      }
    }
  });

  it('renders the variables into text and escaped HTML with the link', () => {
    const mail = renderMail('a@b.test', 'de', 'invitation', { tenant: 'Heimbau <GmbH>', inviter: 'Michael', role: 'Bewohner:in', url: 'https://x.test/accept-invitation?token=a&b' });
    expect(mail.subject).toBe('Heimbau <GmbH> lädt Sie zu Concierge ein');
    expect(mail.text).toContain('https://x.test/accept-invitation?token=a&b');
    expect(mail.html).toContain('Heimbau &lt;GmbH&gt;');
    expect(mail.html).toContain('<a href="https://x.test/accept-invitation?token=a&amp;b">');
    expect(mail.text).not.toMatch(/\{\w+\}/);
  });
});
