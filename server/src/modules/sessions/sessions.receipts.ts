// A finished session's receipt told to the resident who used it: in the notification centre and,
// for those who asked for it, by e-mail (notification kind session_receipt). Written in the
// session's closing transaction; the caller sends the outbox after the commit.
import type { Tx } from '../../db/scope.ts';
import type { UsageSession } from '../../db/schema.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { emptyOutbox, notifyUsers, type Outbox } from '../notifications/notifications.delivery.ts';
import { usersOfPeople } from '../notifications/notifications.repository.ts';
import { eventText } from '../notifications/notifications.texts.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import { DISPLAY_UNIT } from '../tariffs/tariffs.pricing.ts';
import { shownQuantity } from './sessions.presenters.ts';
import { receiptPlace } from './sessions.repository.ts';

export async function tellReceipt(tx: Tx, session: UsageSession, publicUrl: string): Promise<Outbox> {
  if (!session.person_id || session.status !== 'completed') return emptyOutbox();
  const userIds = (await usersOfPeople(tx, session.tenant_id, [session.person_id])).get(session.person_id) ?? [];
  if (userIds.length === 0) return emptyOutbox();
  const place = await receiptPlace(tx, session.tenant_id, session.appliance_id);
  const zone = await tenantTimeZone(tx, session.tenant_id);
  const link = `/laundry/sessions/${session.id}`;
  return notifyUsers(tx, session.tenant_id, 'session_receipt', userIds, (recipient) => {
    const language = recipient.language;
    const quantity = `${new Intl.NumberFormat(language, { maximumFractionDigits: 3 }).format(shownQuantity(session.metering, session.quantity) ?? 0)} ${DISPLAY_UNIT[session.metering]}`;
    const amount = new Intl.NumberFormat(language, { style: 'currency', currency: session.currency }).format((session.amount_minor ?? 0) / 100);
    const time = new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(session.stopped_at ?? Date.now()));
    const vars = { appliance: place?.appliance_name ?? '', place: place?.site_name ?? '', quantity, amount };
    return {
      title: eventText(language, 'receipt_title', vars), body: eventText(language, 'receipt_body', vars), link,
      mail: renderMail(recipient.email, language, 'sessionReceipt', { ...vars, name: recipient.displayName, time, url: `${publicUrl}${link}` }),
    };
  });
}
