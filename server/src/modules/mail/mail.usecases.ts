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
  /** Several mails, kept in the outbox in one statement (an invoice run's thousands), then each sent. */
  sendMany(mails: Mail[]): Promise<void>;
}

export function createMailer(options: { db: Db; smtpUrl: string | undefined; from: string; onError?: (error: unknown) => void }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const sendMany = async (mails: Mail[]) => {
    if (mails.length === 0) return;
    const ids = await asPlatform(options.db, (tx) => repo.insertOutboxMails(tx, mails.map((mail) => ({ ...mail, html: mail.html ?? null, attachments: mail.attachments ?? [] }))));
    if (!transport) return;
    for (const [index, mail] of mails.entries()) {
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments });
        await asPlatform(options.db, (tx) => repo.markOutboxMail(tx, ids[index]!, { sentAt: new Date() }));
      } catch (error) {
        options.onError?.(error);
        await asPlatform(options.db, (tx) => repo.markOutboxMail(tx, ids[index]!, { error: String(error) }));
      }
    }
  };
  return { send: (mail) => sendMany([mail]), sendMany };
}
