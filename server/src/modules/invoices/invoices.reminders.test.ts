// Reminders for unpaid invoices: levels reached on their days after the due date, once each, even
// when two runs meet; their fees owed like the invoice (ledger, amount due, PDF, bank payment) and
// taken back by a credit note; each reminder e-mailed in the resident's language with the PDF.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages, pdfQrCode } from '../../test/pdf.ts';
import { remindInvoicesEverywhere } from '../../worker/jobs/remindInvoices.ts';
import { camt054 } from '../bankimport/fixtures/fixtures.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { getAccount, receivableOf, systemAccount, walletOf } from '../ledger/ledger.usecases.ts';
import { addPostpaidCharger, addPostpaidSessions } from './invoices.fixtures.ts';
import { checkReceivables } from './invoices.invariants.ts';
import { DEFAULT_REMINDER_LEVELS, nextReminder } from './invoices.reminders.levels.ts';
import { runDunning } from './invoices.reminders.ts';
import { runInvoices } from './invoices.usecases.ts';

let ctx: TestContext;
let staff: Session;
let manager: Session;
let heimbauId: string;
const person: Record<string, string> = {};
const invoice: Record<string, { id: string; number: string; reference: string; referenceFormatted: string; grossMinor: number; dueOn: string }> = {};
const ACCOUNT = { iban: 'AT611904300234573201', currency: 'EUR' };
// Anna (de), Lukas (de), Marie (de, no e-mail address), Tomasz (pl), Fatma (en).
const CUSTOMERS = ['HEIMBAU-10001', 'HEIMBAU-10002', 'HEIMBAU-10003', 'HEIMBAU-10004', 'HEIMBAU-10005'];

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await login(ctx.app, 'staff@demo.test');
  manager = await login(ctx.app, 'manager@demo.test');
  heimbauId = (await staff.request('GET', '/api/tenant')).body.id;
  for (const row of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['id', 'customer_number']).execute())) person[row.customer_number] = row.id;
  const charger = await addPostpaidCharger(ctx.deps.db, heimbauId);
  await addPostpaidSessions(ctx.deps.db, heimbauId, charger, CUSTOMERS.map((c, i) => ({ personId: person[c]!, wh: 10_000, amountMinor: 1_000 + i * 100, stoppedAt: new Date('2026-11-10T10:00:00Z') })));
  await runInvoices(ctx.deps, heimbauId, '2026-11');
  for (const i of (await staff.request('GET', '/api/invoices')).body) invoice[i.customerNumber] = i;
});
afterAll(async () => { await ctx?.close(); });

const DAY = 86_400_000;
/** Mid-morning in Vienna, `days` after the invoices' due date. */
const after = (days: number) => new Date(Date.parse(`${invoice['HEIMBAU-10001']!.dueOn}T09:00:00Z`) + days * DAY);
const remind = (days: number) => runDunning(ctx.deps, heimbauId, after(days));
const owed = (customer: string) => inTenant(ctx.deps.db, heimbauId, async (tx) => 0 - (await receivableOf(tx, heimbauId, person[customer]!)).posted);
const detail = async (customer: string) => (await staff.request('GET', `/api/invoices/${invoice[customer]!.id}`)).body;
const revenue = () => inTenant(ctx.deps.db, heimbauId, async (tx) => (await getAccount(tx, heimbauId, await systemAccount(tx, heimbauId, 'revenue'))).posted);
const books = () => asPlatform(ctx.deps.db, async (tx) => ({ ledger: await checkLedgerInvariants(tx, heimbauId), receivables: await checkReceivables(tx, heimbauId) }));
const mailsSince = (count: number) => ctx.mails.slice(count);
/** A mail's text with the no-break spaces of number formatting as plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the next reminder level', () => {
  it('comes on its day after the due date, one at a time, spaced like the levels after a late start', () => {
    const levels = DEFAULT_REMINDER_LEVELS;
    const due = '2027-01-05';
    expect(nextReminder(levels, { due_on: due, reminder_level: 0 }, null, '2027-01-18')).toBeNull();
    expect(nextReminder(levels, { due_on: due, reminder_level: 0 }, null, '2027-01-19')).toEqual({ level: 1, days: 14, feeMinor: 0 });
    // Found 60 days overdue: the first level only; the second 14 days after it, not the next day.
    expect(nextReminder(levels, { due_on: due, reminder_level: 0 }, null, '2027-03-06')).toEqual({ level: 1, days: 14, feeMinor: 0 });
    expect(nextReminder(levels, { due_on: due, reminder_level: 1 }, '2027-03-06', '2027-03-07')).toBeNull();
    expect(nextReminder(levels, { due_on: due, reminder_level: 1 }, '2027-03-06', '2027-03-20')).toEqual({ level: 2, days: 28, feeMinor: 500 });
    expect(nextReminder(levels, { due_on: due, reminder_level: 3 }, '2027-02-16', '2027-12-31')).toBeNull();
    expect(nextReminder([], { due_on: due, reminder_level: 0 }, null, '2027-12-31')).toBeNull();
  });
});

describe('reminding unpaid invoices', () => {
  it('raises every open invoice one level on the level\'s day, never twice, also when two runs meet', async () => {
    const revenueBefore = await revenue();
    expect((await remind(13)).reminded).toEqual([0, 0, 0]);

    // The worker's daily job on day 14: the first reminder for each, without a fee.
    const mails = ctx.mails.length;
    expect(await remindInvoicesEverywhere({ ...ctx.deps, clock: { now: () => after(14) } })).toEqual({ reminded: 5, emailed: 4 });
    expect(mailsSince(mails)).toHaveLength(4); // Marie has no e-mail address
    expect(await remind(14)).toEqual({ reminded: [0, 0, 0], feesMinor: 0, emailed: 0, withoutEmail: 0 });
    expect(await detail('HEIMBAU-10001')).toMatchObject({ reminderLevel: 1, reminderFeesMinor: 0, amountDueMinor: 1000 });

    expect((await remind(27)).reminded).toEqual([0, 0, 0]);
    expect(await remind(28)).toEqual({ reminded: [0, 5, 0], feesMinor: 2500, emailed: 4, withoutEmail: 1 });
    expect(await detail('HEIMBAU-10001')).toMatchObject({ status: 'open', reminderLevel: 2, reminderFeesMinor: 500, grossMinor: 1000, amountDueMinor: 1500 });
    expect(await owed('HEIMBAU-10001')).toBe(1500);

    // Two runs at once on day 42: each invoice reaches level 3 once, its fee booked once.
    const [first, second] = await Promise.all([remind(42), remind(42)]);
    expect(first!.reminded[2]! + second!.reminded[2]!).toBe(5);
    expect(first!.feesMinor + second!.feesMinor).toBe(5000);
    expect(first!.emailed + second!.emailed).toBe(4);
    // Nothing beyond the last level, however late.
    expect((await remind(120)).reminded).toEqual([0, 0, 0]);

    const reminders = await inTenant(ctx.deps.db, heimbauId, (tx) => tx.selectFrom('invoice_reminders').select(['invoice_id', 'level', 'fee_minor', 'delivery']).execute());
    expect(reminders).toHaveLength(15);
    expect(reminders.filter((r) => r.invoice_id === invoice['HEIMBAU-10003']!.id).map((r) => r.delivery)).toEqual(['none', 'none', 'none']);
    expect(await detail('HEIMBAU-10004')).toMatchObject({ reminderLevel: 3, reminderFeesMinor: 1500, amountDueMinor: 1300 + 1500 });
    expect((await detail('HEIMBAU-10004')).reminders.map((r: { level: number; feeMinor: number }) => [r.level, r.feeMinor])).toEqual([[1, 0], [2, 500], [3, 1000]]);
    expect(await owed('HEIMBAU-10004')).toBe(2800);
    expect(await revenue()).toBe(revenueBefore + 5 * 1500);
    expect(await books()).toEqual({ ledger: [], receivables: [] });
  });

  it('e-mails each reminder in the resident\'s language with the invoice\'s PDF, which shows the fees and what is due now', async () => {
    const tomasz = ctx.mails.filter((m) => m.to === 'tomasz.nowak@demo.test' && m.subject.includes('upomnienie'));
    expect(tomasz.map((m) => m.subject)).toEqual([1, 2, 3].map((n) => `${n}. upomnienie: faktura ${invoice['HEIMBAU-10004']!.number} od Heimbau`));
    const third = tomasz[2]!;
    expect(plain(third.text)).toContain('Opłaty za upomnienia: 15,00 €');
    expect(plain(third.text)).toContain('Do zapłaty teraz: 28,00 €');
    expect(third.text).toContain(invoice['HEIMBAU-10004']!.referenceFormatted);
    expect(plain(third.text)).toContain(plain(new Intl.DateTimeFormat('pl', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${invoice['HEIMBAU-10004']!.dueOn}T00:00:00Z`))));
    expect(third.attachments?.map((a) => [a.filename, a.contentType])).toEqual([[`invoice-${invoice['HEIMBAU-10004']!.number}.pdf`, 'application/pdf']]);
    const [page] = await pdfPages(third.attachments![0]!.content);
    expect(page).toContain('3. upomnienie');
    expect(page).toMatch(/Opłaty za upomnienia 15,00\s€/);
    expect(page).toMatch(/28,00\s€/);
    // The bank app is asked for the invoice and its fees.
    expect(await pdfQrCode(third.attachments![0]!.content)).toContain('EUR28.00');

    const anna = ctx.mails.find((m) => m.to === 'resident@demo.test' && m.subject.startsWith('2. Mahnung'))!;
    expect(anna.subject).toBe(`2. Mahnung: Rechnung ${invoice['HEIMBAU-10001']!.number} von Heimbau`);
    expect(plain(anna.text)).toContain('Mahngebühren: 5,00 €');
    const fatma = ctx.mails.find((m) => m.to === 'fatma.yilmaz@demo.test' && m.subject.startsWith('1st reminder'))!;
    expect(fatma.text).toContain('This is our 1st reminder.');
    // The outbox keeps each reminder with its attachment's name.
    const outbox = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('mail_outbox').select(['subject', 'attachments']).where('recipient', '=', 'tomasz.nowak@demo.test').execute());
    expect(outbox.filter((m) => m.subject.includes('upomnienie')).map((m) => (m.attachments as { filename: string }[])[0]!.filename))
      .toEqual(Array(3).fill(`invoice-${invoice['HEIMBAU-10004']!.number}.pdf`));
  });

  it('shows the resident her reminder level, and the fees in what is due', async () => {
    const anna = await login(ctx.app, 'resident@demo.test');
    const [own] = (await anna.request('GET', '/api/me/invoices')).body.filter((i: { number: string }) => i.number === invoice['HEIMBAU-10001']!.number);
    expect(own).toMatchObject({ reminderLevel: 3, reminderFeesMinor: 1500, amountDueMinor: 2500, grossMinor: 1000 });
  });

  it('settles invoice and fees with one bank transfer of both; the invoice alone leaves the fees due', async () => {
    const xml = camt054(ACCOUNT, 'REMIND-PAY-1', [
      { amount: '25.00', reference: invoice['HEIMBAU-10001']!.reference, debtor: 'Anna Huber', bankReference: 'REM1' },
      { amount: '11.00', reference: invoice['HEIMBAU-10002']!.reference, debtor: 'Lukas Gruber', bankReference: 'REM2' },
    ]);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: xml,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().invoices).toEqual([
      expect.objectContaining({ number: invoice['HEIMBAU-10001']!.number, outcome: 'paid', receivedMinor: 2500, dueMinor: 0, toWalletMinor: 0 }),
      expect.objectContaining({ number: invoice['HEIMBAU-10002']!.number, outcome: 'partly_paid', receivedMinor: 1100, dueMinor: 1500, toWalletMinor: 0 }),
    ]);
    expect(await detail('HEIMBAU-10001')).toMatchObject({ status: 'paid', paidMinor: 2500, amountDueMinor: 0 });
    expect(await detail('HEIMBAU-10002')).toMatchObject({ status: 'open', paidMinor: 1100, amountDueMinor: 1500 });
    expect(await owed('HEIMBAU-10001')).toBe(0);
    expect(await owed('HEIMBAU-10002')).toBe(1500);
    // A paid invoice's PDF asks for nothing.
    const pdf = (await ctx.app.inject({ method: 'GET', url: `/api/invoices/${invoice['HEIMBAU-10001']!.id}/pdf`, headers: { cookie: staff.cookie } })).rawPayload;
    expect(await pdfQrCode(pdf)).toBeNull();
    expect(await books()).toEqual({ ledger: [], receivables: [] });
  });

  it('takes back the reminder fees with the invoice when a credit note corrects it, and returns what was paid', async () => {
    const revenueBefore = await revenue();
    const walletBefore = await inTenant(ctx.deps.db, heimbauId, async (tx) => (await walletOf(tx, heimbauId, person['HEIMBAU-10002']!)).posted);
    for (const customer of ['HEIMBAU-10004', 'HEIMBAU-10002']) {
      expect((await manager.request('POST', `/api/invoices/${invoice[customer]!.id}/credit-note`, { reason: 'Zähler defekt' })).status).toBe(201);
      expect(await detail(customer)).toMatchObject({ status: 'credited', amountDueMinor: 0 });
      expect(await owed(customer)).toBe(0);
    }
    // Tomasz: 13.00 and 15.00 fees taken off the revenue; Lukas: 11.00 and 15.00, his 11.00 paid back to the wallet.
    expect(await revenue()).toBe(revenueBefore - (1300 + 1500) - (1100 + 1500));
    expect(await inTenant(ctx.deps.db, heimbauId, async (tx) => (await walletOf(tx, heimbauId, person['HEIMBAU-10002']!)).posted)).toBe(walletBefore + 1100);
    expect(await books()).toEqual({ ledger: [], receivables: [] });
  });

  it('does not send a reminder that a payment overtook before its mail went out', async () => {
    // Fatma's invoice is at level 3; a pending 3rd-level mail from an interrupted run would be cancelled once she paid.
    await ctx.handle.asOwner((owner) => sql`UPDATE invoice_reminders SET delivery = 'pending', delivered_at = NULL
      WHERE tenant_id = ${heimbauId} AND invoice_id = ${invoice['HEIMBAU-10005']!.id} AND level = 3`.execute(owner));
    const xml = camt054(ACCOUNT, 'REMIND-PAY-2', [{ amount: '29.00', reference: invoice['HEIMBAU-10005']!.reference, debtor: 'Fatma Yilmaz', bankReference: 'REM3' }]);
    await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: xml, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
    const mails = ctx.mails.length;
    expect(await remind(130)).toEqual({ reminded: [0, 0, 0], feesMinor: 0, emailed: 0, withoutEmail: 0 });
    expect(ctx.mails.length).toBe(mails);
    const row = await inTenant(ctx.deps.db, heimbauId, (tx) => tx.selectFrom('invoice_reminders').select('delivery')
      .where('invoice_id', '=', invoice['HEIMBAU-10005']!.id).where('level', '=', 3).executeTakeFirstOrThrow());
    expect(row.delivery).toBe('cancelled');
  });
});

describe('reminder levels', () => {
  it('are the defaults until the manager\'s administrator changes them, within the rules', async () => {
    expect((await staff.request('GET', '/api/settings/reminders')).body).toEqual({ levels: DEFAULT_REMINDER_LEVELS });
    const levels = [{ days: 10, feeMinor: 0 }, { days: 20, feeMinor: 300 }];
    expect((await staff.request('PUT', '/api/settings/reminders', { levels })).status).toBe(403);
    const anna = await login(ctx.app, 'resident@demo.test');
    expect((await anna.request('GET', '/api/settings/reminders')).status).toBe(403);

    const notIncreasing = await manager.request('PUT', '/api/settings/reminders', { levels: [{ days: 14, feeMinor: 0 }, { days: 14, feeMinor: 500 }] });
    expect(notIncreasing.status).toBe(400);
    expect(notIncreasing.body.error).toMatchObject({ code: 'invoices.invalid_reminder_levels', fields: [{ field: 'levels/1/days' }] });
    for (const bad of [[{ days: 14, feeMinor: -1 }], Array.from({ length: 6 }, (_, i) => ({ days: 10 * (i + 1), feeMinor: 0 })), [{ days: 0, feeMinor: 0 }], [{ days: 14 }]]) {
      expect((await manager.request('PUT', '/api/settings/reminders', { levels: bad })).body.error.code).toBe('request.invalid_body');
    }

    expect((await manager.request('PUT', '/api/settings/reminders', { levels })).body).toEqual({ levels });
    expect((await staff.request('GET', '/api/settings/reminders')).body).toEqual({ levels });
    // No levels: no reminders.
    expect((await manager.request('PUT', '/api/settings/reminders', { levels: [] })).body).toEqual({ levels: [] });
    expect((await remind(400)).reminded).toEqual([]);
    const audit = (await manager.request('GET', '/api/audit?entityType=tenant_settings')).body.events;
    expect(audit.filter((e: { action: string }) => e.action === 'reminder_levels.updated')).toHaveLength(2);
  });
});
