// The outbox is the platform's: only operators read it, through asPlatform.
import type { Tx } from '../../db/scope.ts';

export function listOutbox(tx: Tx, page: { limit: number; offset: number }) {
  return tx.selectFrom('mail_outbox').select(['id', 'recipient', 'subject', 'body_text', 'created_at', 'sent_at', 'error'])
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}
