// The notification centre's titles and bodies of the events other modules announce through it
// (receipts, invoices, badge changes), in the five portal languages; {placeholders} are filled
// per recipient. Tickets and alarms bring their own texts.
import type { Language } from '../../db/schema.ts';
import { fill } from '../invoices/invoices.texts.ts';

const texts = {
  en: {
    receipt_title: 'Receipt: {appliance}', receipt_body: '{quantity} · {amount} · {place}',
    invoice_title: 'Invoice {number}', invoice_body: '{amount}, due on {due}',
    badge_title: 'Badge {label}', badge_active: 'is active now', badge_blocked: 'has been blocked', badge_lost: 'was reported lost and is deactivated', badge_returned: 'was returned and is deactivated',
  },
  de: {
    receipt_title: 'Beleg: {appliance}', receipt_body: '{quantity} · {amount} · {place}',
    invoice_title: 'Rechnung {number}', invoice_body: '{amount}, fällig am {due}',
    badge_title: 'Badge {label}', badge_active: 'ist jetzt aktiv', badge_blocked: 'wurde gesperrt', badge_lost: 'wurde als verloren gemeldet und ist deaktiviert', badge_returned: 'wurde zurückgegeben und ist deaktiviert',
  },
  fr: {
    receipt_title: 'Reçu : {appliance}', receipt_body: '{quantity} · {amount} · {place}',
    invoice_title: 'Facture {number}', invoice_body: '{amount}, échéance le {due}',
    badge_title: 'Badge {label}', badge_active: 'est maintenant actif', badge_blocked: 'a été bloqué', badge_lost: 'a été déclaré perdu et est désactivé', badge_returned: 'a été rendu et est désactivé',
  },
  nl: {
    receipt_title: 'Bon: {appliance}', receipt_body: '{quantity} · {amount} · {place}',
    invoice_title: 'Factuur {number}', invoice_body: '{amount}, te betalen op {due}',
    badge_title: 'Badge {label}', badge_active: 'is nu actief', badge_blocked: 'is geblokkeerd', badge_lost: 'is als verloren gemeld en gedeactiveerd', badge_returned: 'is teruggegeven en gedeactiveerd',
  },
  pl: {
    receipt_title: 'Potwierdzenie: {appliance}', receipt_body: '{quantity} · {amount} · {place}',
    invoice_title: 'Faktura {number}', invoice_body: '{amount}, termin płatności {due}',
    badge_title: 'Identyfikator {label}', badge_active: 'jest teraz aktywny', badge_blocked: 'został zablokowany', badge_lost: 'został zgłoszony jako zgubiony i dezaktywowany', badge_returned: 'został zwrócony i dezaktywowany',
  },
} satisfies Record<Language, Record<string, string>>;

export type EventText = keyof (typeof texts)['en'];

export function eventText(language: Language, key: EventText, vars: Record<string, string> = {}): string {
  return fill(texts[language][key], vars);
}
