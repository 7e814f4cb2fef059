// E-invoices: a business customer's invoice PDF carries the invoice as Factur-X / ZUGFeRD XML
// (EN 16931), which the official Factur-X 1.07.3 schema accepts and whose amounts are the PDF's.
// Read back as an accounting program would: the attachment, its XML, the PDF's XMP metadata.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfAttachments, pdfPages, pdfXmp } from '../../test/pdf.ts';
import { addPostpaidCharger, addPostpaidSessions } from './invoices.fixtures.ts';
import { runInvoices } from './invoices.usecases.ts';

const SCHEMA_DIR = join(import.meta.dirname, 'facturx.schema');
const MAIN_SCHEMA = 'Factur-X_1.07.3_EN16931.xsd';

async function schemaErrors(xml: string): Promise<string[]> {
  const read = (name: string) => ({ fileName: name, contents: readFileSync(join(SCHEMA_DIR, name), 'utf8') });
  const result = await validateXML({
    xml: [{ fileName: 'factur-x.xml', contents: xml }], schema: [read(MAIN_SCHEMA)],
    preload: readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.xsd') && name !== MAIN_SCHEMA).map(read),
  });
  return result.errors.map((e) => e.message);
}

// Keeps every element a list and every value text, so the checks read the XML as it is.
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, isArray: (_name, _path, _leaf, attribute) => !attribute });
type Xml = Record<string, any>;
const first = (node: Xml, ...path: string[]): any => path.reduce((n: any, key) => n?.[key]?.[0], node);
const text = (node: Xml, ...path: string[]): string => {
  const value = first(node, ...path);
  return typeof value === 'object' ? value['#text'] : value;
};
/** Decimal text as minor units, exactly. */
const minor = (value: string) => Math.round(Number(value) * 100);

let ctx: TestContext;
let manager: Session;
let bankAccount: Record<string, unknown>;
let businessInvoice: string;
let privateInvoice: string;

const pdfOf = async (id: string) => (await ctx.app.inject({ method: 'GET', url: `/api/invoices/${id}/pdf`, headers: { cookie: manager.cookie } })).rawPayload;
const facturX = async (id: string) => {
  const files = await pdfAttachments(await pdfOf(id));
  return files['factur-x.xml']?.toString('utf8');
};

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  const tenantId = (await manager.request('GET', '/api/tenant')).body.id as string;
  bankAccount = (await manager.request('GET', '/api/tenant/bank-account')).body;
  expect((await manager.request('PUT', '/api/tenant/bank-account', { ...bankAccount, vatId: 'ATU12345675' })).status).toBe(200);
  const people = (await manager.request('GET', '/api/wallets?search=HEIMBAU-1000')).body as { customerNumber: string; personId: string }[];
  const anna = people.find((p) => p.customerNumber === 'HEIMBAU-10001')!.personId;
  const lukas = people.find((p) => p.customerNumber === 'HEIMBAU-10002')!.personId;
  const business = await manager.request('PATCH', `/api/people/${anna}`, { companyName: 'Gruber & Töchter Consulting GmbH', vatId: 'ATU98765432' });
  expect(business.body).toMatchObject({ companyName: 'Gruber & Töchter Consulting GmbH', vatId: 'ATU98765432' });

  const charger = await addPostpaidCharger(ctx.deps.db, tenantId);
  const october = (day: number) => new Date(Date.UTC(2026, 9, day, 12));
  await addPostpaidSessions(ctx.deps.db, tenantId, charger, [
    { personId: anna, wh: 20_000, amountMinor: 801, stoppedAt: october(3) },
    { personId: anna, wh: 11_111, amountMinor: 449, stoppedAt: october(9) },
    { personId: anna, wh: 7_000, amountMinor: 333, stoppedAt: october(20), vatRateBp: 1000 },
    { personId: lukas, wh: 5_000, amountMinor: 200, stoppedAt: october(5) },
  ]);
  await runInvoices(ctx.deps, tenantId, '2026-10');
  const invoices = (await manager.request('GET', '/api/invoices?status=open')).body as { id: string; personId: string }[];
  businessInvoice = invoices.find((i) => i.personId === anna)!.id;
  privateInvoice = invoices.find((i) => i.personId === lukas)!.id;
});
afterAll(async () => { await ctx?.close(); });

describe('a business customer\'s invoice', () => {
  it('carries a Factur-X invoice that the EN 16931 schema accepts', async () => {
    const detail = (await manager.request('GET', `/api/invoices/${businessInvoice}`)).body;
    expect(detail).toMatchObject({ eInvoice: true, buyerCompany: 'Gruber & Töchter Consulting GmbH', buyerVatId: 'ATU98765432' });
    const xml = await facturX(businessInvoice);
    expect(xml).toBeDefined();
    expect(await schemaErrors(xml!)).toEqual([]);
    // The schema notices a wrong order or a missing element: the check can fail.
    expect(await schemaErrors(xml!.replace(/<ram:InvoiceCurrencyCode>.*<\/ram:InvoiceCurrencyCode>/, ''))).not.toEqual([]);
  });

  it('has the amounts of the PDF, and the totals add up as EN 16931\'s rules require', async () => {
    const detail = (await manager.request('GET', `/api/invoices/${businessInvoice}`)).body;
    const root = first(parser.parse((await facturX(businessInvoice))!), 'CrossIndustryInvoice');
    expect(text(root, 'ExchangedDocumentContext', 'GuidelineSpecifiedDocumentContextParameter', 'ID')).toBe('urn:cen.eu:en16931:2017');
    expect(text(root, 'ExchangedDocument', 'ID')).toBe(detail.number);
    expect(text(root, 'ExchangedDocument', 'TypeCode')).toBe('380');
    expect(text(root, 'ExchangedDocument', 'IssueDateTime', 'DateTimeString')).toBe(detail.issuedAt.slice(0, 10).replace(/-/g, ''));

    const trade = first(root, 'SupplyChainTradeTransaction');
    const lines = trade.IncludedSupplyChainTradeLineItem as Xml[];
    expect(lines.map((l) => text(l, 'SpecifiedTradeProduct', 'Name'))).toEqual(detail.lines.map((l: { description: string }) => l.description));
    const lineNet = lines.map((l) => minor(text(l, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount')));
    expect(lineNet).toEqual(detail.lines.map((l: { netMinor: number }) => l.netMinor));
    expect(lines.map((l) => first(l, 'SpecifiedLineTradeDelivery', 'BilledQuantity'))).toEqual([
      { '#text': '20.000', '@_unitCode': 'KWH' }, { '#text': '11.111', '@_unitCode': 'KWH' }, { '#text': '7.000', '@_unitCode': 'KWH' },
    ]);

    const agreement = first(trade, 'ApplicableHeaderTradeAgreement');
    expect(text(agreement, 'SellerTradeParty', 'SpecifiedTaxRegistration', 'ID')).toBe('ATU12345675');
    expect(text(agreement, 'SellerTradeParty', 'Name')).toBe(bankAccount.creditorName);
    expect(text(agreement, 'BuyerTradeParty', 'Name')).toBe('Gruber & Töchter Consulting GmbH');
    expect(text(agreement, 'BuyerTradeParty', 'ID')).toBe('HEIMBAU-10001');
    expect(text(agreement, 'BuyerTradeParty', 'SpecifiedTaxRegistration', 'ID')).toBe('ATU98765432');

    const settlement = first(trade, 'ApplicableHeaderTradeSettlement');
    expect(text(settlement, 'PaymentReference')).toBe(detail.reference);
    expect(text(settlement, 'InvoiceCurrencyCode')).toBe('EUR');
    expect(text(settlement, 'SpecifiedTradeSettlementPaymentMeans', 'PayeePartyCreditorFinancialAccount', 'IBANID')).toBe(bankAccount.iban);
    expect(text(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime', 'DateTimeString')).toBe(detail.dueOn.replace(/-/g, ''));

    // VAT per rate: the PDF's rows (BR-S-08: the basis is the sum of the rate's lines; BR-S-09
    // as Factur-X checks it: the VAT within one unit of basis × rate, here within a cent).
    const vat = (settlement.ApplicableTradeTax as Xml[]).map((t) => ({
      vatRateBp: Math.round(Number(text(t, 'RateApplicablePercent')) * 100), netMinor: minor(text(t, 'BasisAmount')), vatMinor: minor(text(t, 'CalculatedAmount')),
    }));
    expect(vat).toEqual(detail.vat.map((row: { vatRateBp: number; netMinor: number; vatMinor: number }) => ({ vatRateBp: row.vatRateBp, netMinor: row.netMinor, vatMinor: row.vatMinor })));
    expect(vat.map((row) => row.vatRateBp)).toEqual([2000, 1000]);
    for (const row of vat) expect(Math.abs(row.vatMinor - (row.netMinor * row.vatRateBp) / 10_000)).toBeLessThanOrEqual(1);

    const sums = first(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
    const sum = (name: string) => minor(text(sums, name));
    expect(sum('LineTotalAmount')).toBe(lineNet.reduce((a, b) => a + b, 0)); // BR-CO-10
    expect(sum('TaxBasisTotalAmount')).toBe(sum('LineTotalAmount')); // BR-CO-13, no allowances or charges
    expect(sum('TaxTotalAmount')).toBe(vat.reduce((a, row) => a + row.vatMinor, 0)); // BR-CO-14
    expect(sum('GrandTotalAmount')).toBe(sum('TaxBasisTotalAmount') + sum('TaxTotalAmount')); // BR-CO-15
    expect(sum('DuePayableAmount')).toBe(sum('GrandTotalAmount')); // BR-CO-16
    expect([sum('LineTotalAmount'), sum('TaxTotalAmount'), sum('GrandTotalAmount')]).toEqual([detail.netMinor, detail.vatMinor, detail.grossMinor]);
    expect(sum('GrandTotalAmount')).toBe(801 + 449 + 333);
  });

  it('is a PDF/A-3 that declares the Factur-X attachment, and says so on the page', async () => {
    const pdf = await pdfOf(businessInvoice);
    const xmp = await pdfXmp(pdf);
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(pdf.toString('latin1')).toContain('/AFRelationship /Alternative');
    const page = (await pdfPages(pdf)).join(' ');
    expect(page).toContain('Gruber & Töchter Consulting GmbH');
    expect(page).toContain('USt-IdNr. ATU98765432');
    expect(page).toContain('USt-IdNr. ATU12345675');
    expect(page).toContain('Factur-X / ZUGFeRD (EN 16931)');
  });

  it('is corrected by a credit note that is an e-invoice too: type 381, the reason, nothing to pay', async () => {
    const credit = await manager.request('POST', `/api/invoices/${businessInvoice}/credit-note`, { reason: 'Falscher Tarif' });
    expect(credit.status).toBe(201);
    const xml = (await facturX(credit.body.id))!;
    expect(await schemaErrors(xml)).toEqual([]);
    const root = first(parser.parse(xml), 'CrossIndustryInvoice');
    expect(text(root, 'ExchangedDocument', 'TypeCode')).toBe('381');
    expect(text(root, 'ExchangedDocument', 'IncludedNote', 'Content')).toBe('Falscher Tarif');
    const settlement = first(root, 'SupplyChainTradeTransaction', 'ApplicableHeaderTradeSettlement');
    expect(settlement.SpecifiedTradeSettlementPaymentMeans).toBeUndefined();
    expect(minor(text(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation', 'GrandTotalAmount'))).toBe(801 + 449 + 333);
  });
});

describe('without a business customer or the manager\'s VAT ID', () => {
  it('prints a private customer\'s invoice as a plain PDF', async () => {
    expect((await manager.request('GET', `/api/invoices/${privateInvoice}`)).body).toMatchObject({ eInvoice: false, buyerCompany: null, buyerVatId: null });
    expect(await pdfAttachments(await pdfOf(privateInvoice))).toEqual({});
  });

  it('refuses a VAT ID that is not one, naming the field, and changes nothing', async () => {
    const person = (await manager.request('GET', '/api/wallets?search=HEIMBAU-10003')).body[0].personId as string;
    const bad = await manager.request('PATCH', `/api/people/${person}`, { vatId: 'AT U123' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('vatId');
    expect((await manager.request('GET', `/api/people/${person}`)).body.vatId).toBeNull();
    const badSeller = await manager.request('PUT', '/api/tenant/bank-account', { ...bankAccount, vatId: 'ATU-1' });
    expect(badSeller.status).toBe(400);
    expect((await manager.request('GET', '/api/tenant/bank-account')).body.vatId).toBe('ATU12345675');
  });

  it('prints a plain PDF while the manager has no VAT ID', async () => {
    expect((await manager.request('PUT', '/api/tenant/bank-account', { ...bankAccount, vatId: null })).status).toBe(200);
    expect((await manager.request('GET', `/api/invoices/${businessInvoice}`)).body.eInvoice).toBe(false);
    expect(await pdfAttachments(await pdfOf(businessInvoice))).toEqual({});
  });
});
