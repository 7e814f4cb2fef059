// The invitation travels over real SMTP to a server on loopback.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { createMailer, type Mailer } from '../mail/mail.usecases.ts';

interface Received { from: string; to: string[]; raw: string }

let ctx: TestContext;
let server: SMTPServer;
const received: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  // The mailer needs the test database, which exists only once the context does.
  let smtp: Mailer | undefined;
  ctx = await createTestContext({ mailer: { send: (mail) => smtp!.send(mail), sendMany: (mails) => smtp!.sendMany(mails) } });
  smtp = createMailer({ db: ctx.handle.db, smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Concierge <no-reply@concierge.test>', onError: (e) => { throw e; } });
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// Quoted-printable, as nodemailer encodes non-ASCII text: soft line breaks and =XX bytes.
const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

describe('invitation over SMTP', () => {
  it('delivers the invitation with a working accept link', async () => {
    const manager = await login(ctx.app, 'regie@demo.test');
    const created = await manager.request('POST', '/api/invitations', { email: 'technicien@example.test', role: 'technician' });
    expect(created.status).toBe(201);

    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['technicien@example.test']);
    expect(received[0]!.from).toBe('no-reply@concierge.test');
    const body = decodeQuotedPrintable(received[0]!.raw);
    expect(body).toContain('Régie du Lac vous invite sur le portail Concierge en tant que technicien·ne');
    const token = body.match(new RegExp(`${ctx.deps.config.publicUrl}/accept-invitation\\?token=([A-Za-z0-9_-]+)`))![1]!;

    const outbox = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('mail_outbox').select(['recipient', 'sent_at', 'error']).execute());
    expect(outbox).toEqual([{ recipient: 'technicien@example.test', sent_at: expect.any(Date), error: null }]);

    const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'technician-password', displayName: 'Jean Technicien' } });
    expect(accepted.statusCode).toBe(200);
    const technician = await login(ctx.app, 'technicien@example.test', 'technician-password');
    expect((await technician.request('GET', '/api/me')).body).toMatchObject({ role: 'technician', tenant: { name: 'Régie du Lac' } });
  });
});
