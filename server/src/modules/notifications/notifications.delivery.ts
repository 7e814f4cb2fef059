// Telling users about an event on the channels they chose: the portal's notification centre,
// e-mail, SMS. A caller composes the message per recipient (in the recipient's language) inside
// its own transaction; the portal notifications are written there, so they exist exactly when the
// event does. Mails and texts go out after the commit (sendOutbox): a rolled-back event sends nothing.
import type { Language } from '../../db/schema.ts';
import type { Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { Mail } from '../mail/mail.usecases.ts';
import { createHttpSms, type SmsSender } from '../sms/sms.ts';
import { effectiveChoice, type NotificationKind } from './notifications.kinds.ts';
import * as repo from './notifications.repository.ts';

export type { NotificationKind } from './notifications.kinds.ts';

export interface Recipient { userId: string; email: string; displayName: string; language: Language; mobile: string | null }
/** The notification in the centre; the mail and the text only where the event offers one. */
export interface Message { title: string; body: string; link: string | null; mail?: Mail; sms?: string }
export interface Outbox { mails: Mail[]; texts: { to: string; text: string }[] }

export const emptyOutbox = (): Outbox => ({ mails: [], texts: [] });

/** `compose` may tell a recipient of several events at once (an invoice run's batch): one query for all. */
export async function notifyUsers(tx: Tx, tenantId: string, kind: NotificationKind, userIds: string[], compose: (recipient: Recipient) => Message | Message[]): Promise<Outbox> {
  const outbox = emptyOutbox();
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return outbox;
  const recipients = await repo.recipients(tx, unique);
  const stored = await repo.preferencesFor(tx, tenantId, unique, kind);
  const portal: repo.NewNotification[] = [];
  for (const recipient of recipients) {
    const choice = effectiveChoice(kind, stored.get(recipient.userId));
    for (const message of [compose(recipient)].flat()) {
      if (choice.portal) portal.push({ userId: recipient.userId, kind, title: message.title, body: message.body, link: message.link });
      if (choice.email && message.mail) outbox.mails.push(message.mail);
      if (choice.sms && message.sms && recipient.mobile) outbox.texts.push({ to: recipient.mobile, text: message.sms });
    }
  }
  await repo.insertNotifications(tx, tenantId, portal);
  return outbox;
}

export function mergeOutboxes(outboxes: Outbox[]): Outbox {
  return { mails: outboxes.flatMap((o) => o.mails), texts: outboxes.flatMap((o) => o.texts) };
}

/**
 * Sends what notifyUsers collected; a failed text is logged, not thrown: the event has happened.
 * Texts go through `deps.sms` when given (tests, the alarm job), else the gateway of SMS_URL.
 */
export async function sendOutbox(deps: Pick<Deps, 'mailer' | 'log' | 'config'> & { sms?: SmsSender | null }, outbox: Outbox): Promise<{ emailed: number; texted: number }> {
  if (outbox.mails.length > 0) await deps.mailer.sendMany(outbox.mails);
  const sms = deps.sms !== undefined ? deps.sms : deps.config.smsUrl ? createHttpSms({ url: deps.config.smsUrl, token: deps.config.smsToken }) : null;
  let texted = 0;
  for (const text of outbox.texts) {
    if (!sms) {
      deps.log.warn('a notification asks for an SMS, but no SMS gateway is set up (SMS_URL)');
      break;
    }
    try {
      await sms.send(text.to, text.text);
      texted += 1;
    } catch (error) {
      deps.log.error({ err: error }, 'notification SMS not sent');
    }
  }
  return { emailed: outbox.mails.length, texted };
}
