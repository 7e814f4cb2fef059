// Outgoing e-mail. Every mail is kept in the outbox; with SMTP_URL set it is also sent over
// SMTP (nodemailer). Without SMTP, operators read the outbox in the portal.
import nodemailer from 'nodemailer';
import { asPlatform } from '../../db/scope.ts';
import type { Db } from '../../db/client.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function createMailer(options: { db: Db; smtpUrl: string | undefined; from: string; onError?: (error: unknown) => void }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail) {
      const row = await asPlatform(options.db, (tx) => tx.insertInto('mail_outbox')
        .values({ recipient: mail.to, subject: mail.subject, body_text: mail.text, body_html: mail.html ?? null })
        .returning('id').executeTakeFirstOrThrow());
      if (!transport) return;
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        await asPlatform(options.db, (tx) => tx.updateTable('mail_outbox').set({ sent_at: new Date() }).where('id', '=', row.id).execute());
      } catch (error) {
        options.onError?.(error);
        await asPlatform(options.db, (tx) => tx.updateTable('mail_outbox').set({ error: String(error) }).where('id', '=', row.id).execute());
      }
    },
  };
}
