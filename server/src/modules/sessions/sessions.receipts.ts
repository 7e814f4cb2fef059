// A finished session's receipt told to the resident who used it: in the notification centre and,
// for those who asked for it, by e-mail (notification kind session_receipt). Told after the
// session's closing transaction has committed, in one of its own: that transaction holds the
// tenant's revenue account until its commit, and a receipt is no reason to hold it longer.
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { UsageSession } from '../../db/schema.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { emptyOutbox, notifyUsers, sendOutbox, type Outbox } from '../notifications/notifications.delivery.ts';
import { usersOfPeople } from '../notifications/notifications.repository.ts';
import { eventText } from '../notifications/notifications.texts.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import { DISPLAY_UNIT } from '../tariffs/tariffs.pricing.ts';
import { shownQuantity } from './sessions.presenters.ts';
import { receiptPlace } from './sessions.repository.ts';

/** Never throws: the session is charged and closed whatever becomes of its receipt. */
export async function sendReceipt(deps: Pick<Deps, 'db' | 'mailer' | 'log' | 'config'>, session: UsageSession): Promise<void> {
  if (!session.person_id || session.status !== 'completed') return;
  try {
    await sendOutbox(deps, await inTenant(deps.db, session.tenant_id, (tx) => tellReceipt(tx, session, deps.config.publicUrl)));
  } catch (err) {
    deps.log.error({ err, sessionId: session.id }, 'session receipt not told');
  }
}

async function tellReceipt(tx: Tx, session: UsageSession, publicUrl: string): Promise<Outbox> {
  const personId = session.person_id!;
  const userIds = (await usersOfPeople(tx, session.tenant_id, [personId])).get(personId) ?? [];
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
