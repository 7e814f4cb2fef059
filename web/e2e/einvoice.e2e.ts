// E-invoices for business customers: the manager's administrator enters the manager's VAT ID on
// the bank account page (typed loosely, kept normalised, refused when malformed), marks a resident
// as a business customer with company and VAT ID (a malformed VAT ID is refused on its field), and
// the invoice issued afterwards names the company, says its PDF carries a Factur-X XML, and does.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../../server/src/modules/invoices/invoices.fixtures.ts';
import { runInvoices } from '../../server/src/modules/invoices/invoices.usecases.ts';
import { pdfAttachments } from '../../server/src/test/pdf.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const company = 'Gruber Elektrotechnik GmbH';

async function loggedIn(firstLink: string): Promise<Page> {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: firstLink, exact: true }).click();
  return page;
}

/** A Mantine input refused by the server: marked invalid, with our words for it below. */
async function refused(input: Locator) {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const described = (await input.getAttribute('aria-describedby')) ?? '';
  const error = described.split(/\s+/).find((id) => id.endsWith('-error'));
  expect(error, 'the field names its error').toBeDefined();
  expect(await input.page().locator(`[id="${error}"]`).textContent()).toBe('Please check this value');
}

it('the manager enters the VAT ID on the bank account page: a malformed one is refused on the field, a valid one is kept normalised', async () => {
  const page = await loggedIn('Bank account');
  await expect.poll(() => page.getByLabel(/^IBAN/).inputValue()).toBe('AT611904300234573201');
  const vatId = page.getByLabel('VAT ID', { exact: true });
  expect(await vatId.inputValue()).toBe('');
  // The page also holds the refund fee and reminder forms (each with its own Save).
  const save = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Account for top-ups' }) }).getByRole('button', { name: 'Save' });

  await vatId.fill('ATU_1234');
  await save.click();
  await page.getByRole('alert').filter({ hasText: 'Some entries are not valid.' }).waitFor();
  await refused(vatId);

  await vatId.fill('atu-1234.5678');
  await save.click();
  await page.getByText('Saved', { exact: true }).waitFor();
  await expect.poll(() => vatId.inputValue()).toBe('ATU12345678');
  expect(await vatId.getAttribute('aria-invalid')).not.toBe('true');

  await page.reload();
  await expect.poll(() => page.getByLabel('VAT ID', { exact: true }).inputValue()).toBe('ATU12345678');
  expect(await page.getByLabel(/^IBAN/).inputValue()).toBe('AT611904300234573201');
  await page.context().close();
});

it('the manager makes a resident a business customer: a malformed VAT ID is refused on its field, company and VAT ID show after reload', async () => {
  const page = await loggedIn('Residents');
  await page.getByLabel('Search').fill('Gruber');
  await page.getByRole('link', { name: 'Gruber, Lukas' }).click();
  await page.getByRole('heading', { name: /^Lukas Gruber · HEIMBAU-\d+$/ }).waitFor();
  const business = page.getByRole('group', { name: 'Business customer' });
  const companyInput = business.getByLabel('Company', { exact: true });
  const vatId = business.getByLabel('VAT ID', { exact: true });
  const save = page.locator('form').filter({ has: business }).getByRole('button', { name: 'Save' });
  expect(await companyInput.inputValue()).toBe('');
  expect(await vatId.inputValue()).toBe('');

  await companyInput.fill(company);
  await vatId.fill('12345678'); // no country prefix
  await save.click();
  await page.getByRole('alert').filter({ hasText: 'Some entries are not valid.' }).waitFor();
  await refused(vatId);
  expect(await companyInput.getAttribute('aria-invalid')).not.toBe('true');

  await vatId.fill('atu 987 654 32');
  await save.click();
  await page.getByText('Saved', { exact: true }).waitFor();

  await page.reload();
  await page.getByText(company, { exact: true }).waitFor();
  await page.getByText('VAT ID ATU98765432', { exact: true }).waitFor();
  expect(await page.getByRole('group', { name: 'Business customer' }).getByLabel('Company', { exact: true }).inputValue()).toBe(company);
  expect(await page.getByRole('group', { name: 'Business customer' }).getByLabel('VAT ID', { exact: true }).inputValue()).toBe('ATU98765432');
  await page.context().close();
});

it('the business customer\'s next invoice names the company and its VAT ID and is an e-invoice', async () => {
  const { db } = e2e.running.deps;
  const lukas = await asPlatform(db, (tx) => tx.selectFrom('people').select(['tenant_id', 'id', 'company_name', 'vat_id'])
    .where('email', '=', 'lukas.gruber@demo.test').executeTakeFirstOrThrow());
  expect(lukas).toMatchObject({ company_name: company, vat_id: 'ATU98765432' });
  const charger = await addPostpaidCharger(db, lukas.tenant_id, 'Tiefgarage');
  await addPostpaidSessions(db, lukas.tenant_id, charger, [{ personId: lukas.id, wh: 12_000, amountMinor: 480, stoppedAt: new Date('2026-11-12T18:00:00Z') }]);
  await runInvoices(e2e.running.deps, lukas.tenant_id, '2026-11');
  const invoice = await asPlatform(db, (tx) => tx.selectFrom('invoices').select(['id', 'number'])
    .where('person_id', '=', lukas.id).where('kind', '=', 'invoice').orderBy('issued_at', 'desc').executeTakeFirstOrThrow());

  const page = await loggedIn('Residents');
  await page.goto(`/billing/invoices/${invoice.id}`);
  await page.getByRole('heading', { name: `Invoice ${invoice.number}` }).waitFor();
  await page.getByText(`${company} · VAT ID ATU98765432`, { exact: true }).waitFor();
  await page.getByText('E-invoice', { exact: true }).waitFor();
  await page.getByText('The PDF carries a Factur-X / ZUGFeRD XML (EN 16931).').waitFor();

  // The PDF the page links to carries the XML, with the company and both VAT IDs.
  const href = (await page.getByRole('link', { name: `PDF ${invoice.number}` }).getAttribute('href'))!;
  const bytes = await page.evaluate(async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())], href);
  const xml = (await pdfAttachments(Buffer.from(bytes)))['factur-x.xml']?.toString('utf8');
  expect(xml).toContain(company);
  expect(xml).toContain('ATU98765432');
  expect(xml).toContain('ATU12345678');
  await page.context().close();
});
