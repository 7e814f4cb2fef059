// What the server itself says about tickets, in the five portal languages: the notification
// centre's titles and bodies, status names for them, and the subjects and bodies of automatic
// tickets (written in the tenant's language). Mails use the templates ticketUpdated and ticketAssigned.
import type { Language, TicketStatus } from '../../db/schema.ts';

export interface TicketTexts {
  status: Record<TicketStatus, string>;
  updatedTitle: string;
  assignedTitle: string;
  replied: string;
  statusChanged: string;
  approved: string;
  declined: string;
  assignedToYou: string;
  residentWrote: string;
  faultSubject: string;
  faultBody: string;
  recurringSubject: string;
  recurringBody: string;
  lostSubject: string;
  lostBody: string;
}

const texts: Record<Language, TicketTexts> = {
  en: {
    status: { new: 'New', in_progress: 'In progress', waiting: 'Waiting', resolved: 'Resolved', closed: 'Closed', awaiting_approval: 'Awaiting approval', declined: 'Declined' },
    updatedTitle: 'Ticket {number} updated',
    assignedTitle: 'Ticket {number} assigned to you',
    replied: '{author} replied to "{subject}": {excerpt}',
    statusChanged: '"{subject}" is now: {status}',
    approved: 'Your request "{subject}" was approved.',
    declined: 'Your request "{subject}" was declined: {reason}',
    assignedToYou: '"{subject}" was assigned to you.',
    residentWrote: '{author} wrote on "{subject}": {excerpt}',
    faultSubject: 'Fault: {appliance} at {place}',
    faultBody: '{appliance} (connector {connector} of {device}) at {place} reports a fault.\nError code: {errorCode}\nDetails: {info}',
    recurringSubject: 'Recurring alarm: {rule}',
    recurringBody: 'The alarm "{rule}" was raised {count} times within {days} days. Please check the cause.',
    lostSubject: 'Badge reported lost: {badge}',
    lostBody: '{person} reported the badge {badge} lost. It is blocked; a replacement may be needed.',
  },
  de: {
    status: { new: 'Neu', in_progress: 'In Bearbeitung', waiting: 'Wartend', resolved: 'Erledigt', closed: 'Geschlossen', awaiting_approval: 'Wartet auf Freigabe', declined: 'Abgelehnt' },
    updatedTitle: 'Ticket {number} aktualisiert',
    assignedTitle: 'Ticket {number} wurde Ihnen zugewiesen',
    replied: '{author} hat auf „{subject}“ geantwortet: {excerpt}',
    statusChanged: '„{subject}“ ist jetzt: {status}',
    approved: 'Ihre Anfrage „{subject}“ wurde genehmigt.',
    declined: 'Ihre Anfrage „{subject}“ wurde abgelehnt: {reason}',
    assignedToYou: '„{subject}“ wurde Ihnen zugewiesen.',
    residentWrote: '{author} schrieb zu „{subject}“: {excerpt}',
    faultSubject: 'Störung: {appliance} – {place}',
    faultBody: '{appliance} (Anschluss {connector} von {device}) in {place} meldet eine Störung.\nFehlercode: {errorCode}\nDetails: {info}',
    recurringSubject: 'Wiederkehrender Alarm: {rule}',
    recurringBody: 'Der Alarm „{rule}“ wurde innerhalb von {days} Tagen {count}-mal ausgelöst. Bitte prüfen Sie die Ursache.',
    lostSubject: 'Badge als verloren gemeldet: {badge}',
    lostBody: '{person} hat den Badge {badge} als verloren gemeldet. Er ist gesperrt; eventuell wird ein Ersatz benötigt.',
  },
  fr: {
    status: { new: 'Nouveau', in_progress: 'En cours', waiting: 'En attente', resolved: 'Résolu', closed: 'Clôturé', awaiting_approval: 'En attente d’approbation', declined: 'Refusé' },
    updatedTitle: 'Ticket {number} mis à jour',
    assignedTitle: 'Le ticket {number} vous a été attribué',
    replied: '{author} a répondu à « {subject} » : {excerpt}',
    statusChanged: '« {subject} » est maintenant : {status}',
    approved: 'Votre demande « {subject} » a été approuvée.',
    declined: 'Votre demande « {subject} » a été refusée : {reason}',
    assignedToYou: '« {subject} » vous a été attribué.',
    residentWrote: '{author} a écrit sur « {subject} » : {excerpt}',
    faultSubject: 'Panne : {appliance} – {place}',
    faultBody: '{appliance} (connecteur {connector} de {device}) à {place} signale une panne.\nCode d’erreur : {errorCode}\nDétails : {info}',
    recurringSubject: 'Alarme récurrente : {rule}',
    recurringBody: 'L’alarme « {rule} » s’est déclenchée {count} fois en {days} jours. Veuillez en vérifier la cause.',
    lostSubject: 'Badge déclaré perdu : {badge}',
    lostBody: '{person} a déclaré le badge {badge} perdu. Il est bloqué ; un remplacement peut être nécessaire.',
  },
  nl: {
    status: { new: 'Nieuw', in_progress: 'In behandeling', waiting: 'Wachtend', resolved: 'Opgelost', closed: 'Gesloten', awaiting_approval: 'Wacht op goedkeuring', declined: 'Afgewezen' },
    updatedTitle: 'Ticket {number} bijgewerkt',
    assignedTitle: 'Ticket {number} is aan u toegewezen',
    replied: '{author} heeft gereageerd op "{subject}": {excerpt}',
    statusChanged: '"{subject}" is nu: {status}',
    approved: 'Uw aanvraag "{subject}" is goedgekeurd.',
    declined: 'Uw aanvraag "{subject}" is afgewezen: {reason}',
    assignedToYou: '"{subject}" is aan u toegewezen.',
    residentWrote: '{author} schreef bij "{subject}": {excerpt}',
    faultSubject: 'Storing: {appliance} – {place}',
    faultBody: '{appliance} (aansluiting {connector} van {device}) in {place} meldt een storing.\nFoutcode: {errorCode}\nDetails: {info}',
    recurringSubject: 'Terugkerend alarm: {rule}',
    recurringBody: 'Het alarm "{rule}" is binnen {days} dagen {count} keer afgegaan. Controleer de oorzaak.',
    lostSubject: 'Badge als verloren gemeld: {badge}',
    lostBody: '{person} heeft de badge {badge} als verloren gemeld. Hij is geblokkeerd; mogelijk is een vervanging nodig.',
  },
  pl: {
    status: { new: 'Nowe', in_progress: 'W realizacji', waiting: 'Oczekujące', resolved: 'Rozwiązane', closed: 'Zamknięte', awaiting_approval: 'Czeka na zatwierdzenie', declined: 'Odrzucone' },
    updatedTitle: 'Zgłoszenie {number} zaktualizowane',
    assignedTitle: 'Przydzielono Ci zgłoszenie {number}',
    replied: '{author} odpowiedział(a) na „{subject}”: {excerpt}',
    statusChanged: '„{subject}” ma teraz status: {status}',
    approved: 'Twój wniosek „{subject}” został zatwierdzony.',
    declined: 'Twój wniosek „{subject}” został odrzucony: {reason}',
    assignedToYou: 'Przydzielono Ci „{subject}”.',
    residentWrote: '{author} napisał(a) w „{subject}”: {excerpt}',
    faultSubject: 'Awaria: {appliance} – {place}',
    faultBody: '{appliance} (złącze {connector} urządzenia {device}) w {place} zgłasza awarię.\nKod błędu: {errorCode}\nSzczegóły: {info}',
    recurringSubject: 'Powtarzający się alarm: {rule}',
    recurringBody: 'Alarm „{rule}” został wywołany {count} razy w ciągu {days} dni. Sprawdź przyczynę.',
    lostSubject: 'Zgłoszono utratę identyfikatora: {badge}',
    lostBody: '{person} zgłosił(a) utratę identyfikatora {badge}. Jest zablokowany; może być potrzebny nowy.',
  },
};

export const ticketTexts = (language: Language): TicketTexts => texts[language];

/** The first words of a comment, for a notification. */
export const excerpt = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export const ticketNumber = (number: number) => `T-${number}`;
