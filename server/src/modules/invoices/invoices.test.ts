import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { customerNumberFromReference, feeNumberFromReference, invoiceReferences, isValidQrReference, isValidRfReference } from '../banking/references.ts';
import { ledgerFixture } from '../ledger/ledger.fixtures.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { getAccount, receivableOf, systemAccount } from '../ledger/ledger.usecases.ts';
import { lineAmounts, vatSummary } from './invoices.amounts.ts';
import { addPostpaidCharger, addPostpaidSessions, type PostpaidCharger } from './invoices.fixtures.ts';
import * as repo from './invoices.repository.ts';
import { runInvoices, type RunReport } from './invoices.usecases.ts';

let ctx: TestContext;
let heimbauId: string;
let regieId: string;
let annaId: string;
let lukasId: string;
let charger: PostpaidCharger;

const october = (day: number, hour = 12) => new Date(Date.UTC(2026, 9, day, hour));

beforeAll(async () => {
  ctx = await createTestContext();
  const manager = await login(ctx.app, 'manager@demo.test');
  heimbauId = (await manager.request('GET', '/api/tenant')).body.id;
  const people = (await manager.request('GET', '/api/wallets?search=HEIMBAU-1000')).body;
  annaId = people.find((w: { customerNumber: string }) => w.customerNumber === 'HEIMBAU-10001').personId;
  lukasId = people.find((w: { customerNumber: string }) => w.customerNumber === 'HEIMBAU-10002').personId;
  regieId = (await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('tenants').select('id').where('short_code', '=', 'regielac').executeTakeFirstOrThrow())).id;
  charger = await addPostpaidCharger(ctx.deps.db, heimbauId);
});
afterAll(async () => { await ctx?.close(); });

const run = (period: string, tenantId = heimbauId) => runInvoices(ctx.deps, tenantId, period);
const invoicesOf = (personId: string) => inTenant(ctx.deps.db, heimbauId, (tx) => tx.selectFrom('invoices').selectAll().where('person_id', '=', personId).orderBy('sequence').execute());
const linesOf = (invoiceId: string) => inTenant(ctx.deps.db, heimbauId, (tx) => repo.linesOf(tx, heimbauId, invoiceId));
const owed = (personId: string) => inTenant(ctx.deps.db, heimbauId, async (tx) => -(await receivableOf(tx, heimbauId, personId)).posted);
const revenue = () => inTenant(ctx.deps.db, heimbauId, async (tx) => (await getAccount(tx, heimbauId, await systemAccount(tx, heimbauId, 'revenue'))).posted);

describe('the arithmetic', () => {
  it('takes VAT out of gross prices and adds it to net ones, rounding half up per line', () => {
    expect(lineAmounts(800, 2000, true)).toEqual({ netMinor: 667, vatMinor: 133, grossMinor: 800 });
    expect(lineAmounts(1000, 810, true)).toEqual({ netMinor: 925, vatMinor: 75, grossMinor: 1000 }); // 925.07
    expect(lineAmounts(123, 2300, false)).toEqual({ netMinor: 123, vatMinor: 28, grossMinor: 151 }); // 28.29
    expect(lineAmounts(250, 2000, false)).toEqual({ netMinor: 250, vatMinor: 50, grossMinor: 300 });
    expect(lineAmounts(5, 1000, false)).toEqual({ netMinor: 5, vatMinor: 1, grossMinor: 6 }); // 0.5 rounds up
    expect(lineAmounts(0, 2000, true)).toEqual({ netMinor: 0, vatMinor: 0, grossMinor: 0 });
    expect(() => lineAmounts(-1, 2000, true)).toThrow(RangeError);
    expect(() => lineAmounts(1.5, 2000, true)).toThrow(RangeError);
  });

  it('sums VAT per rate from the lines, so the summary always matches them', () => {
    const lines = [lineAmounts(800, 2000, true), lineAmounts(355, 2000, true), lineAmounts(1000, 1000, true)].map((l, i) => ({ ...l, vatRateBp: i < 2 ? 2000 : 1000 }));
    expect(vatSummary(lines)).toEqual([
      { vatRateBp: 2000, netMinor: 667 + 296, vatMinor: 133 + 59, grossMinor: 1155 },
      { vatRateBp: 1000, netMinor: 909, vatMinor: 91, grossMinor: 1000 },
    ]);
  });

  it('gives invoices references that are valid and never read as a wallet or a fee', () => {
    const refs = invoiceReferences('heimbau', 2026, 42);
    expect(isValidRfReference(refs.rf)).toBe(true);
    expect(isValidQrReference(refs.qr)).toBe(true);
    for (const reference of [refs.rf, refs.qr]) {
      expect(customerNumberFromReference(reference, 'heimbau')).toBeNull();
      expect(feeNumberFromReference(reference, 'heimbau')).toBeNull();
    }
    expect(invoiceReferences('averylongcode1234', 2026, 99_999_999).rf).toMatch(/^RF[0-9]{2}AVERYLONI202699999999$/);
  });
});

describe('an invoice run', () => {
  it('invoices each resident once for the month, with a line per charge, VAT per line and the amount owed in the ledger', async () => {
    const revenueBefore = await revenue();
    await addPostpaidSessions(ctx.deps.db, heimbauId, charger, [
      { personId: annaId, wh: 20_000, amountMinor: 800, stoppedAt: october(3) },
      { personId: annaId, wh: 9_857, amountMinor: 355, stoppedAt: october(31, 21) }, // 22:00 in Vienna: still October
      { personId: lukasId, wh: 1_000, amountMinor: 35, stoppedAt: october(12) },
      { personId: lukasId, wh: 5_000, amountMinor: 175, stoppedAt: october(31, 23) }, // 00:00 on 1 November in Vienna
      { personId: annaId, wh: 3_000, amountMinor: 105, stoppedAt: october(20), billing: 'prepaid' }, // paid from the wallet already
    ]);
    const report = await run('2026-10');
    expect(report).toMatchObject({ period: '2026-10', skipped: null, alreadyFinished: false, issued: 2, run: { status: 'finished', invoices: 2, gross_minor: 1155 + 35 } });

    const [anna] = await invoicesOf(annaId);
    expect(anna).toMatchObject({ kind: 'invoice', currency: 'EUR', net_minor: 963, vat_minor: 192, gross_minor: 1155, status: 'open', paid_minor: 0, language: 'de' });
    expect(anna!.buyer).toMatchObject({ customerNumber: 'HEIMBAU-10001' });
    expect(isValidRfReference(anna!.reference)).toBe(true);
    const lines = await linesOf(anna!.id);
    expect(lines.map((l) => [l.quantity, l.unit, l.net_minor, l.vat_rate_bp, l.vat_minor, l.gross_minor])).toEqual([
      ['20.000', 'kWh', 667, 2000, 133, 800],
      ['9.857', 'kWh', 296, 2000, 59, 355],
    ]);
    expect(lines[0]!.description).toMatch(/^Laden \(Elektrofahrzeug\), Garage, /);

    const [lukas] = await invoicesOf(lukasId);
    expect(lukas).toMatchObject({ gross_minor: 35 });
    // Residents are invoiced a few at a time, so numbers follow the order the invoices commit in.
    expect([anna!.number, lukas!.number].sort()).toEqual(['2026-000001', '2026-000002']);
    expect((await linesOf(lukas!.id)).length).toBe(1);
    // What they owe is in the ledger; the revenue got exactly the invoices' sum.
    expect(await owed(annaId)).toBe(1155);
    expect(await owed(lukasId)).toBe(35);
    expect(await revenue()).toBe(revenueBefore + 1190);
    expect(await inTenant(ctx.deps.db, heimbauId, (tx) => checkLedgerInvariants(tx))).toEqual([]);
  });

  it('issues nothing new when the period runs again, and takes a late charge into the next month', async () => {
    const again = await run('2026-10');
    expect(again).toMatchObject({ alreadyFinished: true, issued: 0, run: { invoices: 2 } });
    // A charger that was offline reports an October charge only now.
    await addPostpaidSessions(ctx.deps.db, heimbauId, charger, [{ personId: annaId, wh: 2_000, amountMinor: 70, stoppedAt: october(30) }]);
    expect((await run('2026-10')).issued).toBe(0);
    const november = await run('2026-11');
    expect(november).toMatchObject({ issued: 2, run: { invoices: 2, gross_minor: 70 + 175 } });
    const [annas, lukas] = [await invoicesOf(annaId), await invoicesOf(lukasId)];
    expect(annas.map((i) => i.gross_minor)).toEqual([1155, 70]);
    expect(lukas.map((i) => i.gross_minor)).toEqual([35, 175]);
    expect([annas[1]!.number, lukas[1]!.number].sort()).toEqual(['2026-000003', '2026-000004']);
  });

  it('adds VAT to net prices when the tenant says its prices exclude it', async () => {
    await ctx.handle.asOwner((owner) => sql`INSERT INTO tenant_settings (tenant_id, prices_include_vat) VALUES (${heimbauId}, false)
      ON CONFLICT (tenant_id) DO UPDATE SET prices_include_vat = false`.execute(owner));
    try {
      await addPostpaidSessions(ctx.deps.db, heimbauId, charger, [{ personId: annaId, wh: 4_000, amountMinor: 140, stoppedAt: new Date(Date.UTC(2026, 8, 15)) }]);
      // September's run, after October's: the charge is still uninvoiced and September's own.
      expect(await run('2026-09')).toMatchObject({ issued: 1, run: { gross_minor: 168 } });
      const september = (await invoicesOf(annaId)).at(-1)!;
      expect(september).toMatchObject({ prices_include_vat: false, net_minor: 140, vat_minor: 28, gross_minor: 168, number: '2026-000005' });
    } finally {
      await ctx.handle.asOwner((owner) => sql`UPDATE tenant_settings SET prices_include_vat = true WHERE tenant_id = ${heimbauId}`.execute(owner));
    }
  });

  it('numbers without gaps and invoices each charge once when runs of one period overlap', async () => {
    const people = (await inTenant(ctx.deps.db, heimbauId, (tx) => tx.selectFrom('people').select('id').where('tenant_id', '=', heimbauId).execute())).map((p) => p.id);
    const sessions = people.flatMap((personId, i) => [
      { personId, wh: 1_000 * (i + 1), amountMinor: 37 * (i + 1), stoppedAt: new Date(Date.UTC(2026, 7, 1 + (i % 28))) },
      { personId, wh: 500, amountMinor: 19, stoppedAt: new Date(Date.UTC(2026, 7, 2)) },
    ]);
    await addPostpaidSessions(ctx.deps.db, heimbauId, charger, sessions);
    const before = await revenue();
    const reports = await Promise.all([run('2026-08'), run('2026-08'), run('2026-08')]);
    expect(reports.reduce((n, r) => n + r.issued, 0)).toBe(people.length);
    const all = await inTenant(ctx.deps.db, heimbauId, (tx) => tx.selectFrom('invoices').select(['sequence', 'gross_minor', 'run_id', 'person_id']).where('year', '=', 2026).orderBy('sequence').execute());
    expect(all.map((i) => i.sequence)).toEqual(all.map((_, i) => i + 1));
    const august = all.filter((i) => i.run_id === reports[0]!.run!.id);
    expect(new Set(august.map((i) => i.person_id)).size).toBe(people.length);
    const charged = sessions.reduce((sum, s) => sum + s.amountMinor, 0);
    expect(august.reduce((sum, i) => sum + i.gross_minor, 0)).toBe(charged);
    expect(await revenue()).toBe(before + charged);
    const finished = await inTenant(ctx.deps.db, heimbauId, (tx) => tx.selectFrom('invoice_runs').selectAll().where('period', '=', '2026-08').executeTakeFirstOrThrow());
    expect(finished).toMatchObject({ status: 'finished', invoices: people.length, gross_minor: charged });
    expect(await inTenant(ctx.deps.db, heimbauId, (tx) => checkLedgerInvariants(tx))).toEqual([]);
  });

  it('issues a batch of residents at a time; a run started midway takes the rest, numbered without gaps', async () => {
    const { tenantId, personIds } = await ctx.handle.asOwner((owner) => ledgerFixture(owner, { shortCode: 'batches', currency: 'EUR', people: 130 }));
    await ctx.handle.asOwner((owner) => sql`UPDATE people SET email = lower(customer_number) || '@batches.test' WHERE tenant_id = ${tenantId}`.execute(owner));
    const garage = await addPostpaidCharger(ctx.deps.db, tenantId);
    await addPostpaidSessions(ctx.deps.db, tenantId, garage, personIds.flatMap((personId, i) => [
      { personId, wh: 2_000, amountMinor: 50 + i, stoppedAt: new Date(Date.UTC(2026, 8, 1 + (i % 28))) },
      { personId, wh: 1_000, amountMinor: 25, stoppedAt: new Date(Date.UTC(2026, 8, 29)) },
    ]));
    // The second run starts once the first has issued its first batch, so their batches do not line up.
    let second: Promise<RunReport> | undefined;
    const first = runInvoices(ctx.deps, tenantId, '2026-09', { onProgress: (phase) => { if (phase === 'issue') second ??= runInvoices(ctx.deps, tenantId, '2026-09'); } });
    const reports = [await first, await second!];
    expect(reports[0]!.issued + reports[1]!.issued).toBe(personIds.length);

    const invoices = await inTenant(ctx.deps.db, tenantId, (tx) => tx.selectFrom('invoices').select(['id', 'sequence', 'person_id', 'gross_minor']).orderBy('sequence').execute());
    expect(invoices.map((i) => i.sequence)).toEqual(personIds.map((_, i) => i + 1));
    // Each resident once, for exactly their two charges, and each charge marked with its resident's invoice.
    const grossOf = new Map(invoices.map((i) => [i.person_id, i.gross_minor]));
    expect(personIds.map((id) => grossOf.get(id))).toEqual(personIds.map((_, i) => 75 + i));
    const marked = await inTenant(ctx.deps.db, tenantId, (tx) => tx.selectFrom('usage_sessions as s').innerJoin('invoices as i', 'i.id', 's.invoice_id')
      .select(['s.person_id as charged', 'i.person_id as invoiced']).execute());
    expect(marked).toHaveLength(2 * personIds.length);
    expect(marked.every((m) => m.charged === m.invoiced)).toBe(true);
    const owedBy = await inTenant(ctx.deps.db, tenantId, (tx) => Promise.all(personIds.map(async (id) => -(await receivableOf(tx, tenantId, id)).posted)));
    expect(owedBy).toEqual(personIds.map((_, i) => 75 + i));
    expect(await inTenant(ctx.deps.db, tenantId, (tx) => checkLedgerInvariants(tx))).toEqual([]);
    // Both runs deliver, a batch at a time: each invoice is e-mailed once, with its own PDF.
    expect(reports[0]!.delivery.emailed + reports[1]!.delivery.emailed).toBe(personIds.length);
    const mailed = ctx.mails.filter((m) => m.to.endsWith('@batches.test'));
    expect(mailed).toHaveLength(personIds.length);
    expect(new Set(mailed.map((m) => m.attachments![0]!.filename)).size).toBe(personIds.length);
  });

  it('keeps issued invoices as they are: lines and amounts cannot be changed or deleted', async () => {
    const [invoice] = await invoicesOf(annaId);
    const attempts = [
      () => inTenant(ctx.deps.db, heimbauId, (tx) => tx.updateTable('invoice_lines').set({ gross_minor: 1 } as never).where('invoice_id', '=', invoice!.id).execute()),
      () => inTenant(ctx.deps.db, heimbauId, (tx) => tx.deleteFrom('invoice_lines').where('invoice_id', '=', invoice!.id).execute()),
      () => inTenant(ctx.deps.db, heimbauId, (tx) => tx.updateTable('invoices').set({ gross_minor: 1 } as never).where('id', '=', invoice!.id).execute()),
      () => inTenant(ctx.deps.db, heimbauId, (tx) => tx.deleteFrom('invoices').where('id', '=', invoice!.id).execute()),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow(/permission denied/);
    expect((await invoicesOf(annaId))[0]).toEqual(invoice);
  });

  it('invoices nobody where the owner bills itself, and refuses a period that is not a month', async () => {
    expect(await run('2026-10', regieId)).toEqual({ period: '2026-10', skipped: 'owner_statements', alreadyFinished: false, issued: 0, delivery: { emailed: 0, withoutEmail: 0 }, run: null });
    for (const period of ['2026-13', '2026-1', 'Oktober', '2026-10-01']) {
      await expect(run(period)).rejects.toMatchObject({ code: 'invoices.invalid_period', status: 400 });
    }
  });
});
