// Paying an invoice by card end to end: the resident clicks "Pay by card" on her unpaid invoice,
// lands on the fake provider's stand-in of Stripe's hosted payment page (in her language), pays,
// and back on her invoices the portal waits until the signed webhook settles the invoice, which
// then shows paid, with the card payment listed. Leaving the page unpaid charges nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../../server/src/modules/invoices/invoices.fixtures.ts';
import { runInvoices } from '../../server/src/modules/invoices/invoices.usecases.ts';
import { createFakePaymentProvider, signedStripeWebhook } from '../../server/src/modules/payments/payments.fake.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

const payments = createFakePaymentProvider();
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({}, { payments });
  const { db } = e2e.running.deps;
  const anna = await asPlatform(db, (tx) => tx.selectFrom('people').select(['tenant_id', 'id']).where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow());
  const charger = await addPostpaidCharger(db, anna.tenant_id, 'Tiefgarage');
  await addPostpaidSessions(db, anna.tenant_id, charger, [{ personId: anna.id, wh: 20_000, amountMinor: 840, stoppedAt: new Date('2026-10-03T12:00:00Z') }]);
  await runInvoices(e2e.running.deps, anna.tenant_id, '2026-10');
});
afterAll(async () => { await e2e?.close(); });

const euro = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

/** Stripe's delivery of the success of the last payment started, signed as Stripe signs it. */
async function deliverSuccess() {
  const started = payments.created.at(-1)!;
  const { payload, signature } = signedStripeWebhook({
    type: 'payment_intent.succeeded', providerPaymentId: started.paymentIntentId, sessionId: started.sessionId, amountMinor: started.amountMinor,
    currency: started.currency, tenantId: started.tenantId, personId: started.personId, paymentId: started.paymentId,
  });
  return (await fetch(`${e2e.baseUrl}/api/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload })).status;
}

it('a resident pays her invoice by card; back in the portal it shows paid once the webhook has come, and leaving unpaid charges nothing', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Invoices', exact: true }).click();
  const [invoice] = (await api<Array<{ id: string; number: string; amountDueMinor: number }>>(page, '/api/me/invoices')).filter((i) => i.amountDueMinor > 0);
  expect(invoice!.amountDueMinor).toBe(840);
  const unpaid = page.getByRole('region', { name: `Unpaid invoice ${invoice!.number}` });
  const wallet = (await api<{ available: number }>(page, '/api/wallet')).available;

  // Given up on the payment page: back, nothing charged, the invoice still to pay.
  await unpaid.getByRole('button', { name: 'Pay by card' }).click();
  await page.waitForURL('**/fake-checkout/**');
  await page.getByRole('link', { name: 'Abbrechen und zurück' }).click();
  await page.getByText('You left the payment page without paying. Nothing was charged.').waitFor();
  expect(await unpaid.count()).toBe(1);

  // Anna speaks German: the payment page names the invoice in German, for what is due.
  await unpaid.getByRole('button', { name: 'Pay by card' }).click();
  await page.waitForURL('**/fake-checkout/**');
  await page.getByText(`Rechnung ${invoice!.number} – Heimbau`).waitFor();
  const started = payments.created.at(-1)!;
  expect(started.amountMinor).toBe(840);
  await page.getByRole('link', { name: /bezahlen$/ }).click();
  await page.waitForURL(`**/invoices?invoice=${invoice!.id}&payment=${started.paymentId}`);
  await page.getByText('Waiting for confirmation').waitFor();
  expect(await unpaid.count()).toBe(1);

  expect(await deliverSuccess()).toBe(200);
  expect(await deliverSuccess()).toBe(200);
  await page.getByText(`Your card payment of ${euro(840)} has arrived. Thank you!`).waitFor({ timeout: 10_000 });
  await expect.poll(() => unpaid.count()).toBe(0);
  await page.getByText('Nothing to pay: all your invoices are paid.').waitFor();
  await page.getByRole('table', { name: 'Invoices of the last 12 months' }).getByRole('row').filter({ hasText: invoice!.number }).filter({ hasText: 'Paid' }).waitFor();
  await page.getByRole('table', { name: 'Payments of the last 6 months' }).getByRole('row').filter({ hasText: invoice!.number }).filter({ hasText: 'Card' }).filter({ hasText: euro(840) }).waitFor();
  expect((await api<{ available: number }>(page, '/api/wallet')).available).toBe(wallet);
  await page.context().close();
});
