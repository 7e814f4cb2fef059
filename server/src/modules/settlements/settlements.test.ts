// Settlements of 2025 for Heimbau (quarterly, split per site) and Régie du Lac (yearly, francs),
// from revenue written at chosen times: fees, payouts over the accounts, the carried shortfall,
// the ledger, the statement read back and the pain.001 file — reconciled to the cent.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages } from '../../test/pdf.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { getAccount, systemAccount } from '../ledger/ledger.usecases.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../invoices/invoices.fixtures.ts';
import { runDunning } from '../invoices/invoices.reminders.ts';
import { runInvoices } from '../invoices/invoices.usecases.ts';
import { addCardTopUp, addFee, addSite, addUsage, type FixtureSite } from './settlements.fixtures.ts';

let ctx: TestContext;
let operator: Session;
let manager: Session;
let heimbau: string;
let regielac: string;
let anna: string;
let nord: FixtureSite;
let sued: FixtureSite;
const at = (iso: string) => new Date(iso);

const CONTRACT = {
  period: 'quarterly', portalFeeMinor: 12_000, periodSurchargeMinor: 500, pseudonymisedData: true, pseudonymisedDataFeeMinor: 5_000,
  cardFeeBp: 150, cardFeeFixedMinor: 10, accountHolder: 'Heimbau Gemeinnützige GmbH', iban: 'AT02 2050 3021 0102 3600', bic: null,
};

beforeAll(async () => {
  ctx = await createTestContext();
  operator = await login(ctx.app, 'operator@demo.test');
  manager = await login(ctx.app, 'manager@demo.test');
  const ids = await asPlatform(ctx.deps.db, async (tx) => ({
    tenants: await tx.selectFrom('tenants').select(['id', 'short_code']).execute(),
    anna: (await tx.selectFrom('people').select('id').where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow()).id,
  }));
  heimbau = ids.tenants.find((t) => t.short_code === 'heimbau')!.id;
  regielac = ids.tenants.find((t) => t.short_code === 'regielac')!.id;
  anna = ids.anna;
  nord = await addSite(ctx.deps.db, heimbau, 'Wohnanlage Nord', 2, at('2025-01-15T09:00:00Z'));
  sued = await addSite(ctx.deps.db, heimbau, 'Wohnanlage Süd', 1, at('2025-01-15T09:00:00Z'));
  // Q2 2025: 100.00 by card, 30.00 washed at Nord, 12.00 at Süd, an 8.00 badge fee.
  await addCardTopUp(ctx.deps.db, heimbau, anna, 10_000, at('2025-04-05T10:00:00Z'));
  await addFee(ctx.deps.db, heimbau, anna, 800, at('2025-05-01T10:00:00Z'));
  await addUsage(ctx.deps.db, heimbau, nord, anna, 3_000, at('2025-05-10T10:00:00Z'));
  await addUsage(ctx.deps.db, heimbau, sued, anna, 1_200, at('2025-06-20T10:00:00Z'));
  // Q3 2025: 400.00 by card at a terminal, 300.00 at Nord, 20.00 at Süd on the last evening of
  // September (23:30 in Vienna); 7.00 half an hour after midnight belongs to Q4.
  await addCardTopUp(ctx.deps.db, heimbau, anna, 40_000, at('2025-07-02T10:00:00Z'), 'terminal_card_clearing');
  await addUsage(ctx.deps.db, heimbau, nord, anna, 30_000, at('2025-08-15T10:00:00Z'));
  await addUsage(ctx.deps.db, heimbau, sued, anna, 2_000, at('2025-09-30T21:30:00Z'));
  await addUsage(ctx.deps.db, heimbau, sued, anna, 700, at('2025-09-30T22:30:00Z'));
});
afterAll(async () => { await ctx?.close(); });

const settle = (tenantId: string, period: string) => operator.request('POST', `/api/operator/tenants/${tenantId}/settlements`, { period });
const balance = (tenantId: string, kind: 'revenue' | 'platform_fees' | 'payouts') =>
  inTenant(ctx.deps.db, tenantId, async (tx) => (await getAccount(tx, tenantId, await systemAccount(tx, tenantId, kind))).posted);

describe('contracts', () => {
  it('are kept by the operator, checked, and read by the manager', async () => {
    const fresh = await operator.request('POST', '/api/operator/tenants', {
      name: 'Neubau', shortCode: 'neubau', country: 'AT', currency: 'EUR', defaultLanguage: 'de', operatingMode: 'platform_billing', admin: { email: 'admin@neubau.test', displayName: 'Nina Neu' },
    });
    expect((await settle(fresh.body.id, '2025-Q2')).body.error.code).toBe('settlements.no_contract');
    expect((await operator.request('GET', '/api/operator/contracts')).body.find((c: { shortCode: string }) => c.shortCode === 'neubau')).toMatchObject({ contract: null });
    expect((await manager.request('PUT', `/api/operator/tenants/${heimbau}/contract`, CONTRACT)).status).toBe(403);
    const bad = await operator.request('PUT', `/api/operator/tenants/${heimbau}/contract`, { ...CONTRACT, iban: 'AT02 2050 3021 0102 3601' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('banking.invalid_iban');
    expect((await operator.request('PUT', `/api/operator/tenants/${heimbau}/contract`, { ...CONTRACT, iban: null })).body.error.code).toBe('settlements.account_incomplete');
    expect((await operator.request('PUT', `/api/operator/tenants/${heimbau}/contract`, { ...CONTRACT, cardFeeBp: -1 })).body.error.code).toBe('request.invalid_body');

    const saved = await operator.request('PUT', `/api/operator/tenants/${heimbau}/contract`, CONTRACT);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ period: 'quarterly', iban: 'AT022050302101023600', cardFeeBp: 150 });
    // The manager chooses one payout per site, with Nord's own account.
    expect((await manager.request('PUT', '/api/settlement-contract/split', { split: 'combined' })).body.contract.split).toBe('combined');
    expect((await manager.request('PUT', '/api/settlement-contract/split', { split: 'per_site' })).body.contract.split).toBe('per_site');
    expect((await manager.request('PUT', `/api/sites/${nord.id}/payout-account`, { accountHolder: 'WEG Nord', iban: 'de89 3704 0044 0532 0130 00' })).body)
      .toEqual([{ siteId: nord.id, accountHolder: 'WEG Nord', iban: 'DE89370400440532013000', bic: null }]);
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('PUT', '/api/settlement-contract/split', { split: 'combined' })).status).toBe(403);
    expect((await staff.request('GET', '/api/settlement-contract')).body.contract).toMatchObject({ period: 'quarterly', portalFeeMinor: 12_000, split: 'per_site' });
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/settlements')).status).toBe(403);
  });
});

describe('a quarterly settlement', () => {
  it('refuses a period of another kind, one not over yet, and an unknown form', async () => {
    expect((await settle(heimbau, '2025')).body.error.code).toBe('settlements.wrong_period');
    const thisQuarter = `${new Date().getFullYear()}-Q${Math.ceil((new Date().getMonth() + 1) / 3)}`;
    expect((await settle(heimbau, thisQuarter)).body.error.code).toBe('settlements.period_not_over');
    expect((await settle(heimbau, '2025-Q5')).body.error).toMatchObject({ code: 'request.invalid_body' });
  });

  it('carries a shortfall when the fees exceed the revenue, and pays nothing', async () => {
    const res = await settle(heimbau, '2025-Q2');
    expect(res.status).toBe(201);
    // Fees: Nord 2 terminals × (120.00 + 3 × 5.00) / 4 = 67.50, Süd 33.75, data option 12.50,
    // cards 1.5 % of 100.00 + 0.10 = 1.60: 115.35 against 50.00 of revenue.
    expect(res.body).toMatchObject({
      created: true,
      settlement: { period: '2025-Q2', terminals: 3, revenueMinor: 5_000, feesMinor: 11_535, carriedInMinor: 0, payoutMinor: 0, carriedOutMinor: -6_535, hasPayoutFile: false, countedFrom: null },
    });
    expect(res.body.settlement.fees).toEqual([
      { kind: 'portal', quantity: 3, rateMinor: 12_000, amountMinor: 9_000 },
      { kind: 'period_surcharge', quantity: 9, rateMinor: 500, amountMinor: 1_125 },
      { kind: 'pseudonymised_data', quantity: 1, rateMinor: 5_000, amountMinor: 1_250 },
      { kind: 'card', quantity: 1, rateMinor: 150, baseMinor: 10_000, amountMinor: 160 },
    ]);
  });

  it('pays the revenue of the quarter per site, minus fees and the carried shortfall, once', async () => {
    const revenueBefore = await balance(heimbau, 'revenue');
    const res = await settle(heimbau, '2025-Q3');
    expect(res.status).toBe(201);
    const q3 = res.body.settlement;
    // Revenue 300.00 (Nord) + 20.00 (Süd); fees 67.50 + 33.75 + 12.50 + cards 1.5 % of 400.00 + 0.10 = 119.85;
    // carried −65.35: 134.80 to pay, all to Nord's own account (the other lines are below zero).
    expect(q3).toMatchObject({ revenueMinor: 32_000, feesMinor: 11_985, carriedInMinor: -6_535, payoutMinor: 13_480, carriedOutMinor: 0, hasPayoutFile: true });
    const detail = (await manager.request('GET', `/api/settlements/${q3.id}`)).body;
    expect(detail.lines.map((l: Record<string, unknown>) => [l.siteName, l.terminals, l.revenueMinor, l.feesMinor, l.payoutMinor, l.accountHolder])).toEqual([
      [null, 0, 0, 1_860, 0, null],
      ['Wohnanlage Nord', 2, 30_000, 6_750, 13_480, 'WEG Nord'],
      ['Wohnanlage Süd', 1, 2_000, 3_375, 0, null],
    ]);
    expect(detail.lines[1].ibanMasked).toBe('DE89 •••• 3000');

    // The ledger: the fees to the platform, the payout out; revenue keeps only what came after.
    expect(await balance(heimbau, 'revenue')).toBe(revenueBefore - 11_985 - 13_480);
    expect(await balance(heimbau, 'platform_fees')).toBe(11_535 + 11_985);
    expect(await balance(heimbau, 'payouts')).toBe(13_480);

    // Again, and twice at once: the same settlement, nothing new.
    const again = await Promise.all([settle(heimbau, '2025-Q3'), settle(heimbau, '2025-Q3')]);
    expect(again.map((r) => [r.status, r.body.created, r.body.settlement.id])).toEqual([[200, false, q3.id], [200, false, q3.id]]);
    expect(await balance(heimbau, 'payouts')).toBe(13_480);
    // A quarter before the last one settled is covered already.
    expect((await settle(heimbau, '2025-Q1')).body.error.code).toBe('settlements.period_covered');
    expect(await inTenant(ctx.deps.db, heimbau, (tx) => checkLedgerInvariants(tx))).toEqual([]);
  });

  it('reconciles: what the settlements counted is what they took as fees and paid out, plus what is carried', async () => {
    const list = (await manager.request('GET', '/api/settlements')).body as { period: string; revenueMinor: number; feesMinor: number; payoutMinor: number; carriedOutMinor: number }[];
    expect(list.map((s) => s.period)).toEqual(['2025-Q3', '2025-Q2']);
    const counted = await inTenant(ctx.deps.db, heimbau, async (tx) => {
      const revenue = await systemAccount(tx, heimbau, 'revenue');
      const rows = await tx.selectFrom('ledger_transfers').select(['amount', 'credit_account_id']).where('tenant_id', '=', heimbau)
        .where('reference_type', '<>', 'settlement').where('created_at', '<', at('2025-09-30T22:00:00Z'))
        .where((eb) => eb.or([eb('credit_account_id', '=', revenue), eb('debit_account_id', '=', revenue)])).execute();
      return rows.reduce((sum, r) => sum + (r.credit_account_id === revenue ? Number(r.amount) : -Number(r.amount)), 0);
    });
    const sum = (key: 'revenueMinor' | 'feesMinor' | 'payoutMinor') => list.reduce((total, s) => total + s[key], 0);
    expect(sum('revenueMinor')).toBe(counted);
    expect(sum('feesMinor') + sum('payoutMinor') - list[0]!.carriedOutMinor).toBe(counted);
  });

  it('prints the statement in the manager\'s language and writes the payout file for the bank', async () => {
    const [q3] = (await manager.request('GET', '/api/settlements')).body;
    const pdf = await ctx.app.inject({ method: 'GET', url: `/api/settlements/${q3.id}/statement`, headers: { cookie: manager.cookie } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPages(pdf.rawPayload)).join('\n');
    expect(text).toContain('Abrechnung 2025-Q3');
    expect(text).toContain('Zeitraum: 1. Juli 2025 – 30. September 2025');
    expect(text).toContain('Portalgebühr: 3 Terminal(s) × 120,00 € pro Jahr');
    expect(text).toContain('Übertrag aus der letzten Abrechnung');
    expect(text).toMatch(/Ausbezahlt\s*134,80 €/);
    expect(text).toContain('Empfänger: WEG Nord, Konto DE89 •••• 3000 · Wohnanlage Nord');

    const file = await ctx.app.inject({ method: 'GET', url: `/api/settlements/${q3.id}/payout-file`, headers: { cookie: manager.cookie } });
    expect(file.headers['content-disposition']).toContain('pain001-heimbau-settlement-2025-Q3.xml');
    const doc = new XMLParser().parse(file.body).Document.CstmrCdtTrfInitn;
    expect(doc.GrpHdr.NbOfTxs).toBe(1);
    expect(doc.PmtInf.DbtrAcct.Id.IBAN).toBe(ctx.deps.config.platform.accounts.EUR!.iban);
    const payment = doc.PmtInf.CdtTrfTxInf;
    expect([payment.Amt.InstdAmt, payment.Cdtr.Nm, payment.CdtrAcct.Id.IBAN]).toEqual([134.8, 'WEG Nord', 'DE89370400440532013000']);
    expect(payment.RmtInf.Ustrd).toBe('Abrechnung 2025-Q3 Wohnanlage Nord');

    // Q2 paid nothing: there is no file.
    const q2 = (await manager.request('GET', '/api/settlements')).body[1];
    expect((await manager.request('GET', `/api/settlements/${q2.id}/payout-file`)).body.error.code).toBe('settlements.no_payout_file');
  });
});

describe('invoiced revenue', () => {
  it('counts an invoice at the sites of its sessions, and its reminder fee at no site', async () => {
    // October 2025: two charges on credit in a postpaid garage, invoiced on 5 November; the
    // reminder (after one day, 3.00) on 10 December. The clock goes back to those days.
    const garage = await addPostpaidCharger(ctx.deps.db, heimbau, 'Garage West');
    await addPostpaidSessions(ctx.deps.db, heimbau, garage, [
      { personId: anna, wh: 20_000, amountMinor: 1_000, stoppedAt: at('2025-10-03T12:00:00Z') },
      { personId: anna, wh: 11_000, amountMinor: 550, stoppedAt: at('2025-10-20T12:00:00Z') },
    ]);
    await manager.request('PUT', '/api/settings/reminders', { levels: [{ days: 1, feeMinor: 300 }] });
    const travel = (iso: string) => ctx.clock.advance(Date.parse(iso) - ctx.clock.now().getTime());
    try {
      travel('2025-11-05T09:00:00Z');
      await runInvoices(ctx.deps, heimbau, '2025-10');
      travel('2025-12-10T09:00:00Z');
      expect((await runDunning(ctx.deps, heimbau, ctx.clock.now())).feesMinor).toBe(300);
    } finally {
      ctx.clock.advance(Date.now() - ctx.clock.now().getTime());
    }
    const q4 = (await settle(heimbau, '2025-Q4')).body.settlement;
    const detail = (await manager.request('GET', `/api/settlements/${q4.id}`)).body;
    // 15.50 invoiced at the garage, the 3.00 fee at no site, 7.00 washed at Süd after midnight on 1 October.
    expect(detail.lines.map((l: { siteName: string | null; revenueMinor: number }) => [l.siteName, l.revenueMinor])).toEqual([
      [null, 300], ['Garage West', 1_550], ['Wohnanlage Nord', 0], ['Wohnanlage Süd', 700],
    ]);
    expect(q4.revenueMinor).toBe(2_550);
  });
});

describe('a yearly settlement in francs', () => {
  it('pays the year to the contract account with a Swiss pain.001 and a French statement', async () => {
    const person = await asPlatform(ctx.deps.db, async (tx) => (await tx.selectFrom('people').select('id').where('customer_number', '=', 'REGIELAC-10001').executeTakeFirstOrThrow()).id);
    const port = await addSite(ctx.deps.db, regielac, 'Résidence du Lac', 1, at('2025-03-01T09:00:00Z'));
    await addCardTopUp(ctx.deps.db, regielac, person, 50_000, at('2025-03-02T10:00:00Z'));
    await addUsage(ctx.deps.db, regielac, port, person, 45_000, at('2025-06-01T10:00:00Z'));
    await operator.request('PUT', `/api/operator/tenants/${regielac}/contract`, {
      ...CONTRACT, period: 'yearly', pseudonymisedData: false, cardFeeBp: 0, cardFeeFixedMinor: 0, accountHolder: 'Régie du Lac SA', iban: 'CH56 0483 5012 3456 7800 9',
    });
    const res = await settle(regielac, '2025');
    // 450.00 of revenue minus the portal fee of one terminal for a year, 120.00.
    expect(res.body.settlement).toMatchObject({ currency: 'CHF', revenueMinor: 45_000, feesMinor: 12_000, payoutMinor: 33_000, fees: [{ kind: 'portal', quantity: 1, amountMinor: 12_000 }] });
    const staff = await login(ctx.app, 'regie@demo.test');
    const id = res.body.settlement.id;
    const text = (await pdfPages((await ctx.app.inject({ method: 'GET', url: `/api/settlements/${id}/statement`, headers: { cookie: staff.cookie } })).rawPayload)).join('\n');
    expect(text).toContain('Décompte 2025');
    expect(text).toContain('Période : du 1 janvier 2025 au 31 décembre 2025');
    expect(text).toMatch(/Frais de portail : 1 terminal\(aux\) × 120,00 CHF par an\s+120,00 CHF/);
    const xml = (await ctx.app.inject({ method: 'GET', url: `/api/operator/tenants/${regielac}/settlements/${id}/payout-file`, headers: { cookie: operator.cookie } })).body;
    expect(xml).toContain('pain.001.001.09');
    const payment = new XMLParser().parse(xml).Document.CstmrCdtTrfInitn.PmtInf.CdtTrfTxInf;
    expect([payment.Amt.InstdAmt, payment.CdtrAcct.Id.IBAN]).toEqual([330, 'CH5604835012345678009']);
    // The operator sees both managers' settlements; Heimbau's manager only its own.
    const all = (await operator.request('GET', '/api/operator/settlements')).body as { shortCode: string; period: string }[];
    expect(all.map((s) => `${s.shortCode} ${s.period}`).sort()).toEqual(['heimbau 2025-Q2', 'heimbau 2025-Q3', 'heimbau 2025-Q4', 'regielac 2025']);
    expect((await manager.request('GET', `/api/settlements/${id}`)).status).toBe(404);
  });
});
