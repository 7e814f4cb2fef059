// Outgoing e-mail. Every mail is kept in the outbox; with SMTP_URL set it is also sent over
// SMTP (nodemailer). Without SMTP, operators read the outbox in the portal.
import nodemailer from 'nodemailer';
import { asPlatform } from '../../db/scope.ts';
import * as repo from './mail.repository.ts';
import type { Db } from '../../db/client.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function createMailer(options: { db: Db; smtpUrl: string | undefined; from: string; onError?: (error: unknown) => void }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail) {
      const row = await asPlatform(options.db, (tx) => repo.insertOutboxMail(tx, { ...mail, html: mail.html ?? null, attachments: mail.attachments ?? [] }));
      if (!transport) return;
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments });
        await asPlatform(options.db, (tx) => repo.markOutboxMail(tx, row.id, { sentAt: new Date() }));
      } catch (error) {
        options.onError?.(error);
        await asPlatform(options.db, (tx) => repo.markOutboxMail(tx, row.id, { error: String(error) }));
      }
    },
  };
}
