// The outbox is the platform's: only operators read it, through asPlatform.
import type { Tx } from '../../db/scope.ts';

export function listOutbox(tx: Tx, page: { limit: number; offset: number }) {
  return tx.selectFrom('mail_outbox').select(['id', 'recipient', 'subject', 'body_text', 'created_at', 'sent_at', 'error'])
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export function insertOutboxMail(tx: Tx, mail: { to: string; subject: string; text: string; html: string | null; attachments: { filename: string; content: Buffer }[] }) {
  const attachments = mail.attachments.length ? JSON.stringify(mail.attachments.map((a) => ({ filename: a.filename, bytes: a.content.length }))) : null;
  return tx.insertInto('mail_outbox').values({ recipient: mail.to, subject: mail.subject, body_text: mail.text, body_html: mail.html, attachments })
    .returning('id').executeTakeFirstOrThrow();
}

export async function markOutboxMail(tx: Tx, id: number, outcome: { sentAt: Date } | { error: string }) {
  await tx.updateTable('mail_outbox').set('sentAt' in outcome ? { sent_at: outcome.sentAt } : { error: outcome.error }).where('id', '=', id).execute();
}
