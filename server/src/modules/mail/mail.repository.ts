// The outbox is the platform's: only operators read it, through asPlatform.
import type { Tx } from '../../db/scope.ts';

export function listOutbox(tx: Tx, page: { limit: number; offset: number }) {
  return tx.selectFrom('mail_outbox').select(['id', 'recipient', 'subject', 'body_text', 'created_at', 'sent_at', 'error'])
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export interface OutboxMail { to: string; subject: string; text: string; html: string | null; attachments: { filename: string; content: Buffer }[] }

/** Keeps mails in the outbox (attachments by name and size only); their ids, in order. */
export async function insertOutboxMails(tx: Tx, mails: OutboxMail[]): Promise<number[]> {
  const rows = await tx.insertInto('mail_outbox').values(mails.map((mail) => ({
    recipient: mail.to, subject: mail.subject, body_text: mail.text, body_html: mail.html,
    attachments: mail.attachments.length ? JSON.stringify(mail.attachments.map((a) => ({ filename: a.filename, bytes: a.content.length }))) : null,
  }))).returning('id').execute();
  // The ids come from a sequence, taken row by row in the order given.
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

export async function markOutboxMail(tx: Tx, id: number, outcome: { sentAt: Date } | { error: string }) {
  await tx.updateTable('mail_outbox').set('sentAt' in outcome ? { sent_at: outcome.sentAt } : { error: outcome.error }).where('id', '=', id).execute();
}
