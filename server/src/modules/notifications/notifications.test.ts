// Notification preferences and delivery: every kind is listed with its defaults, a user's choice
// is kept and applied (the centre, e-mail and SMS each honour it), a channel a kind does not let
// users change is refused, and an event only reaches members of the tenant it happened in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notifyUsers, sendOutbox, type Outbox } from './notifications.delivery.ts';

let ctx: TestContext;
let anna: Session;
let tenantId: string;
let annaId: string;
let regieAdminId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  anna = await login(ctx.app, 'resident@demo.test');
  await asPlatform(ctx.deps.db, async (tx) => {
    annaId = (await tx.selectFrom('users').select('id').where('email', '=', 'resident@demo.test').executeTakeFirstOrThrow()).id;
    regieAdminId = (await tx.selectFrom('users').select('id').where('email', '=', 'regie@demo.test').executeTakeFirstOrThrow()).id;
    tenantId = (await tx.selectFrom('memberships').select('tenant_id').where('user_id', '=', annaId).executeTakeFirstOrThrow()).tenant_id;
    await tx.updateTable('users').set({ mobile: '+43 660 7654321' }).where('id', '=', annaId).execute();
  });
});
afterAll(async () => { await ctx?.close(); });

/** An event told to `userIds` with a mail and a text on offer, as a module would. */
function tell(kind: 'ticket' | 'alarm', userIds: string[]): Promise<Outbox> {
  return inTenant(ctx.deps.db, tenantId, (tx) => notifyUsers(tx, tenantId, kind, userIds, (r) => ({
    title: `Hello ${r.displayName}`, body: `in ${r.language}`, link: '/tickets',
    mail: { to: r.email, subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' }, sms: 'Hello',
  })));
}

const centre = async () => (await anna.request('GET', '/api/me/notifications')).body as { unread: number; notifications: { title: string; kind: string }[] };

describe('notification preferences', () => {
  it('list every kind with its defaults and the channels a user may change', async () => {
    const { status, body } = await anna.request('GET', '/api/me/notification-preferences');
    expect(status).toBe(200);
    expect(body.map((p: { kind: string }) => p.kind)).toEqual(['ticket', 'alarm', 'session_receipt', 'invoice', 'badge']);
    expect(body.find((p: { kind: string }) => p.kind === 'ticket')).toEqual({ kind: 'ticket', configurable: ['portal', 'email', 'sms'], portal: true, email: true, sms: false });
    expect(body.find((p: { kind: string }) => p.kind === 'invoice')).toMatchObject({ configurable: ['portal'], email: true });
  });

  it('deliver by default to the centre and by e-mail, and by SMS only where the kind sends texts unasked', async () => {
    const before = (await centre()).unread;
    const ticket = await tell('ticket', [annaId]);
    expect(ticket.mails.map((m) => m.to)).toEqual(['resident@demo.test']);
    expect(ticket.texts).toEqual([]);
    const alarm = await tell('alarm', [annaId]);
    expect(alarm.texts).toEqual([{ to: '+43 660 7654321', text: 'Hello' }]);
    const after = await centre();
    expect(after.unread).toBe(before + 2);
    expect(after.notifications.slice(0, 2).map((n) => n.kind)).toEqual(['alarm', 'ticket']);
  });

  it('apply a user\'s choice: no e-mail; then a text message instead of the centre', async () => {
    const saved = await anna.request('PUT', '/api/me/notification-preferences', { kind: 'ticket', portal: true, email: false, sms: false });
    expect(saved.status).toBe(200);
    expect(saved.body.find((p: { kind: string }) => p.kind === 'ticket')).toMatchObject({ portal: true, email: false });
    const before = (await centre()).unread;
    expect((await tell('ticket', [annaId])).mails).toEqual([]);
    expect((await centre()).unread).toBe(before + 1);

    await anna.request('PUT', '/api/me/notification-preferences', { kind: 'ticket', portal: false, email: false, sms: true });
    expect((await tell('ticket', [annaId])).texts).toEqual([{ to: '+43 660 7654321', text: 'Hello' }]);
    expect((await centre()).unread).toBe(before + 1);
    // Other kinds keep their own defaults.
    expect((await tell('alarm', [annaId])).mails).toHaveLength(1);
  });

  it('refuse a channel the kind does not let users change, and bad input, on its field', async () => {
    const fixed = await anna.request('PUT', '/api/me/notification-preferences', { kind: 'invoice', portal: true, email: false, sms: false });
    expect(fixed.status).toBe(422);
    expect(fixed.body.error).toMatchObject({ code: 'notifications.channel_fixed', fields: [{ field: 'email' }] });
    const unknown = await anna.request('PUT', '/api/me/notification-preferences', { kind: 'weather', portal: true, email: true, sms: false });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.map((f: { field: string }) => f.field)).toContain('kind');
    const missing = await anna.request('PUT', '/api/me/notification-preferences', { kind: 'badge', portal: true });
    expect(missing.status).toBe(400);
    // Nothing was stored by the refused calls.
    const invoice = (await anna.request('GET', '/api/me/notification-preferences')).body.find((p: { kind: string }) => p.kind === 'invoice');
    expect(invoice).toMatchObject({ portal: true, email: true });
  });

  it('reach only members of the tenant the event happened in', async () => {
    const outbox = await tell('alarm', [regieAdminId]);
    expect(outbox).toEqual({ mails: [], texts: [] });
    const rows = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('notifications').select('id').where('user_id', '=', regieAdminId).execute());
    expect(rows).toEqual([]);
  });

  it('send texts through the gateway of SMS_URL when no sender is given', async () => {
    const received: unknown[] = [];
    const gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => { received.push(JSON.parse(body)); response.writeHead(202).end(); });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const smsUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
      const sent = await sendOutbox({ ...ctx.deps, config: { ...ctx.deps.config, smsUrl } }, { mails: [], texts: [{ to: '+43 660 1', text: 'T-1: answered' }] });
      expect(sent).toEqual({ emailed: 0, texted: 1 });
      expect(received).toEqual([{ to: '+43 660 1', text: 'T-1: answered' }]);
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });
});
