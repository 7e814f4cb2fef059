// The resident Anna (demo, with wallet history) exports her data, is refused deletion while her
// wallet holds money, empties it, and deletes her account by the mailed link: afterwards no
// personal value of hers is left in the database, the ledger and invoices still balance, her
// login fails, and both mails went out in German. Lukas, with an unpaid invoice, is refused.
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { DEMO_PASSWORD } from '../../demo/seed.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../invoices/invoices.fixtures.ts';
import { runInvoices } from '../invoices/invoices.usecases.ts';
import { photo } from '../tickets/tickets.fixtures.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { purgePersonalData } from './privacy.usecases.ts';

let ctx: TestContext;
let manager: Session;
let anna: Session;
let annaId: string;
const EMAIL = 'resident@demo.test';
const PHONE = '+43 664 9876543';
const LUKAS = 'lukas.gruber@demo.test';

beforeAll(async () => {
  ctx = await createTestContext({ demoWallets: true });
  [manager, anna] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, EMAIL)]);
  expect((await anna.request('PATCH', '/api/me/contact', { mobile: PHONE })).status).toBe(200);
  annaId = (await anna.request('GET', '/api/wallet')).body.personId;
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('people').set({ mobile: PHONE, landline: PHONE }).where('id', '=', annaId).execute());
});
afterAll(() => ctx.close());

const exportArchive = async (session: Session) => {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/privacy/export', headers: { cookie: session.cookie } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/zip');
  return unzipSync(new Uint8Array(res.rawPayload));
};

describe('export', () => {
  it('holds data.json with every section and a CSV per table with rows', async () => {
    const files = await exportArchive(anna);
    const data = JSON.parse(strFromU8(files['data.json']!)) as { sections: Record<string, Record<string, unknown>[]> };
    expect(data.sections.people![0]).toMatchObject({ first_name: 'Anna', last_name: 'Huber', mobile: PHONE });
    expect(data.sections.users![0]).toMatchObject({ email: EMAIL });
    expect(data.sections.users![0]).not.toHaveProperty('password_hash');
    expect(data.sections.sessions![0]).not.toHaveProperty('csrf_token');
    for (const section of ['memberships', 'login_events', 'sessions', 'occupancies', 'ledger_accounts', 'ledger_transfers', 'credentials']) {
      expect(data.sections[section]!.length, section).toBeGreaterThan(0);
    }
    for (const [section, rows] of Object.entries(data.sections)) {
      if (rows.length) expect(strFromU8(files[`csv/${section}.csv`]!).split('\r\n').length, section).toBe(rows.length + 2);
    }
    expect(strFromU8(files['csv/people.csv']!)).toContain('Huber');
  });

  it('answers 401 without a login', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/privacy/export' })).statusCode).toBe(401);
  });
});

describe('deletion', () => {
  it('is refused while the wallet holds money, pointing to the refund', async () => {
    const res = await anna.request('POST', '/api/privacy/deletion');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('privacy.balance_remaining');
    expect(ctx.mails.filter((m) => m.to === EMAIL && /Löschung/.test(m.subject))).toHaveLength(0);
  });

  it('erases every personal value and keeps the bookkeeping balanced', async () => {
    const wallet = (await anna.request('GET', '/api/wallet')).body;
    expect((await manager.request('POST', `/api/wallets/${annaId}/adjustments`, { id: randomUUID(), amountMinor: -wallet.posted, reason: 'Auszahlung bar' })).status).toBe(200);
    // A ticket with a photo of her flat: the photo goes with her, the ticket stays for the office without her words.
    const ticket = await anna.request('POST', '/api/tickets', { clientId: randomUUID(), category: 'other', subject: 'Fleck an der Decke', body: 'Bei Anna Huber tropft es.', attachments: [photo()] });
    expect(ticket.status).toBe(201);
    expect((await anna.request('POST', '/api/privacy/deletion')).status).toBe(202);
    const mail = ctx.mails.findLast((m) => m.to === EMAIL)!;
    expect(mail.subject).toBe('Bestätigen Sie die Löschung Ihres Concierge-Kontos');
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;
    expect((await ctx.app.inject({ method: 'POST', url: '/api/privacy/deletion/confirm', payload: { token: 'wrong' } })).json().error.code).toBe('privacy.invalid_token');

    const confirmed = await ctx.app.inject({ method: 'POST', url: '/api/privacy/deletion/confirm', payload: { token } });
    expect(confirmed.statusCode).toBe(200);
    expect(ctx.mails.findLast((m) => m.to === EMAIL)!.subject).toBe('Ihr Concierge-Konto wurde gelöscht');
    const outbox = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('mail_outbox').select('subject').where('recipient', '=', EMAIL).execute());
    expect(outbox.map((m) => m.subject)).toContain('Ihr Concierge-Konto wurde gelöscht');

    // No table but the mail log (excluded with its reason) still holds her e-mail, name or phone.
    const found = await ctx.handle.asOwner(async (db) => {
      const tables = (await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'mail_outbox'`.execute(db)).rows;
      const hits: string[] = [];
      for (const { table_name } of tables) {
        for (const needle of [EMAIL, 'Anna Huber', PHONE]) { // 'Reinigung Huber', a lock key holder, is another Huber
          const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table_name)} t WHERE t::text ILIKE ${`%${needle}%`}`.execute(db);
          if (Number(rows[0]!.n) > 0) hits.push(`${table_name}: ${needle}`);
        }
      }
      return hits;
    });
    expect(found).toEqual([]);
    const left = await asPlatform(ctx.deps.db, async (tx) => ({
      ticket: await tx.selectFrom('tickets').select(['subject', 'body']).where('id', '=', ticket.body.id).executeTakeFirstOrThrow(),
      photos: (await tx.selectFrom('ticket_attachments').select('id').where('ticket_id', '=', ticket.body.id).execute()).length,
    }));
    expect(left.ticket.subject).toMatch(/^Deleted person /);
    expect(left.photos).toBe(0);

    expect(await ctx.handle.asOwner((db) => checkLedgerInvariants(db))).toEqual([]);
    const invoices = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('invoices').select(['id', 'gross_minor', 'buyer', 'status']).where('person_id', '=', annaId).execute());
    for (const invoice of invoices) {
      expect((invoice.buyer as { name: string }).name).toMatch(/^Deleted person [0-9A-Z]{4}$/);
      const lines = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('invoice_lines').select('gross_minor').where('invoice_id', '=', invoice.id).execute());
      expect(lines.reduce((sum, l) => sum + Number(l.gross_minor), 0)).toBe(Number(invoice.gross_minor));
    }
    const person = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').selectAll().where('id', '=', annaId).executeTakeFirstOrThrow());
    expect(`${person.first_name} ${person.last_name}`).toMatch(/^Deleted person [0-9A-Z]{4}$/);
    expect(new Date(person.retain_until!).toISOString().slice(0, 10)).toBe(`${new Date().getUTCFullYear() + 7}-12-31`); // Heimbau is in Austria

    const relogin = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: EMAIL, password: 'demo-password' } });
    expect(relogin.statusCode).toBe(401);
    expect((await anna.request('GET', '/api/wallet')).status).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/privacy/deletion/confirm', payload: { token } })).statusCode).toBe(400);
  });

  it('is refused while an invoice is unpaid', async () => {
    // Lukas gets a login, an empty wallet and one unpaid charging invoice of his own.
    const { tenantId, personId } = await asPlatform(ctx.deps.db, async (tx) => {
      const person = await tx.selectFrom('people').select(['tenant_id', 'id']).where('customer_number', '=', 'HEIMBAU-10002').executeTakeFirstOrThrow();
      const user = await tx.insertInto('users').values({ email: LUKAS, password_hash: await hashPassword(DEMO_PASSWORD), display_name: 'Lukas Gruber', language: 'de',
        platform_role: null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('memberships').values({ tenant_id: person.tenant_id, user_id: user.id, role: 'resident', person_id: person.id }).execute();
      return { tenantId: person.tenant_id, personId: person.id };
    });
    const lukas = await login(ctx.app, LUKAS);
    const balance = (await lukas.request('GET', '/api/wallet')).body.posted as number;
    if (balance > 0) expect((await manager.request('POST', `/api/wallets/${personId}/adjustments`, { id: randomUUID(), amountMinor: -balance, reason: 'Auszahlung bar' })).status).toBe(200);
    const charger = await addPostpaidCharger(ctx.deps.db, tenantId, 'Tiefgarage Datenschutz');
    await addPostpaidSessions(ctx.deps.db, tenantId, charger, [{ personId, wh: 20_000, amountMinor: 800, stoppedAt: new Date('2026-11-10T12:00:00Z') }]);
    expect((await runInvoices(ctx.deps, tenantId, '2026-11')).issued).toBe(1);

    const res = await lukas.request('POST', '/api/privacy/deletion');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('privacy.open_invoices');
    expect(ctx.mails.filter((m) => m.to === LUKAS && /Löschung/.test(m.subject))).toHaveLength(0);
    expect((await lukas.request('GET', '/api/wallet')).status).toBe(200);
  });
});

describe('retention', () => {
  it('purges old login history and, after retain_until, what still names an erased person', async () => {
    await asPlatform(ctx.deps.db, (tx) => tx.insertInto('login_events').values({ user_id: null, email: 'old@demo.test', outcome: 'unknown_email', ip: null, user_agent: null, at: new Date(Date.now() - 200 * 86_400_000) }).execute());
    const first = await purgePersonalData(ctx.deps);
    expect(first.loginEvents).toBeGreaterThanOrEqual(1);
    expect(first.retainedPeople).toBe(0);
    ctx.clock.advance(9 * 365 * 86_400_000);
    const later = await purgePersonalData(ctx.deps);
    expect(later.retainedPeople).toBe(1);
    const person = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['customer_number', 'retain_until']).where('id', '=', annaId).executeTakeFirstOrThrow());
    expect(person).toEqual({ customer_number: `erased-${annaId}`, retain_until: null });
    expect(await ctx.handle.asOwner((db) => checkLedgerInvariants(db))).toEqual([]);
  });
});
