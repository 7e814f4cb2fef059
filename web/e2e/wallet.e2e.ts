// Prepaid wallets end to end: a resident tops up by card (on the fake provider's stand-in of
// Stripe's hosted payment page, the webhook simulated with a correctly signed payload) and by
// bank transfer (staff import the bank's camt.054), sends money to a neighbour who accepts it,
// and asks for a refund that staff approve. The product runs with the fake payment provider:
// payments start off the network, webhooks are verified as in production.
// With E2E_SCREENSHOTS=<dir> the wallet pages are also photographed at desktop and phone size.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture } from '../../server/src/modules/bankimport/fixtures/fixtures.ts';
import { createFakePaymentProvider, signedStripeWebhook } from '../../server/src/modules/payments/payments.fake.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

const payments = createFakePaymentProvider();
let e2e: E2E;
beforeAll(async () => { e2e = await startE2E({}, { payments }); });
afterAll(async () => { await e2e?.close(); });

interface WalletJson { available: number; pendingDebits: number; currency: string; personId: string }
const euro = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
const shown = (page: Page) => page.getByTestId('available-balance').textContent();
const stamp = Date.now().toString(36).toUpperCase();

async function walletPage(email: string, password?: string): Promise<Page> {
  const page = await e2e.newPage('en');
  await logIn(page, email, password);
  await page.getByRole('link', { name: 'Wallet', exact: true }).click();
  await page.getByTestId('available-balance').waitFor();
  return page;
}

/** Stripe's delivery of an event about the last payment started, signed as Stripe signs it. */
function stripeEvent(type: string, secret?: string) {
  const started = payments.created.at(-1)!;
  return signedStripeWebhook({
    type, providerPaymentId: started.paymentIntentId, sessionId: started.sessionId, amountMinor: started.amountMinor,
    currency: started.currency, tenantId: started.tenantId, personId: started.personId, paymentId: started.paymentId,
  }, secret);
}
const deliver = async (delivery: { payload: string; signature: string }) => (await fetch(`${e2e.baseUrl}/api/webhooks/stripe`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature }, body: delivery.payload,
})).status;

/** Clicks a top-up button and lands on the (fake) hosted payment page, in Anna's language: German. */
async function toPaymentPage(page: Page, amountMinor: number) {
  await page.getByRole('button', { name: `Top up ${euro(amountMinor)}` }).click();
  await page.waitForURL('**/fake-checkout/**');
  await page.getByText('Guthaben-Aufladung – Heimbau').waitFor();
  const started = payments.created.at(-1)!;
  expect(started.amountMinor).toBe(amountMinor);
  return started;
}

it('a resident tops up 20 by card on the payment page; back in the portal it waits until the signed webhook credits the wallet once', async () => {
  const page = await walletPage('resident@demo.test');
  const before = await api<WalletJson>(page, '/api/wallet');
  expect(await shown(page)).toBe(euro(before.available));

  const started = await toPaymentPage(page, 2000);
  await page.getByRole('link', { name: /bezahlen$/ }).click();
  await page.waitForURL(`**/wallet/top-ups/${started.paymentId}`);
  // Back before Stripe's confirmation: the portal waits, nothing is credited yet.
  await page.getByText('Waiting for confirmation').waitFor();
  expect((await api<WalletJson>(page, '/api/wallet')).available).toBe(before.available);

  // A forged delivery is refused and credits nothing; the real one twice credits once.
  expect(await deliver(stripeEvent('payment_intent.succeeded', 'whsec_wrong'))).toBe(400);
  expect(await deliver(stripeEvent('payment_intent.succeeded'))).toBe(200);
  expect(await deliver(stripeEvent('payment_intent.succeeded'))).toBe(200);

  await page.getByText(`${euro(2000)} have been credited to your wallet.`).waitFor({ timeout: 10_000 });
  expect(await page.getByText('Waiting for confirmation').count()).toBe(0);
  await expect.poll(() => shown(page)).toBe(euro(before.available + 2000));
  expect((await api<WalletJson>(page, '/api/wallet')).available).toBe(before.available + 2000);
  await page.getByRole('tab', { name: 'Statement' }).click();
  await page.getByRole('row').filter({ hasText: 'Top-up' }).filter({ hasText: euro(2000) }).first().waitFor();
  await page.context().close();
});

it('when the webhook came first the portal shows the credit at once; leaving the payment page unpaid charges nothing', async () => {
  const page = await walletPage('resident@demo.test');
  const before = (await api<WalletJson>(page, '/api/wallet')).available;

  const paid = await toPaymentPage(page, 1000);
  expect(await deliver(stripeEvent('checkout.session.completed'))).toBe(200);
  await page.getByRole('link', { name: /bezahlen$/ }).click();
  await page.waitForURL(`**/wallet/top-ups/${paid.paymentId}`);
  await page.getByText(`${euro(1000)} have been credited to your wallet.`).waitFor();
  await expect.poll(() => shown(page)).toBe(euro(before + 1000));

  const left = await toPaymentPage(page, 5000);
  await page.getByRole('link', { name: 'Abbrechen und zurück' }).click();
  await page.waitForURL(`**/wallet/top-ups/${left.paymentId}?canceled=1`);
  await page.getByText('You left the payment page without paying. Nothing was charged.').waitFor();
  expect(await page.getByText('Waiting for confirmation').count()).toBe(0);
  expect(await shown(page)).toBe(euro(before + 1000));
  expect((await api<{ status: string }>(page, `/api/wallet/card-top-ups/${left.paymentId}`)).status).toBe('created');
  await page.context().close();
});

it('a resident sees the bank reference; staff import a camt.054 with it and the balance rises', async () => {
  const resident = await walletPage('resident@demo.test');
  const details = await api<{ reference: string; referenceFormatted: string }>(resident, '/api/wallet/bank-details');
  await resident.getByText(details.referenceFormatted, { exact: true }).waitFor();
  expect(await resident.getByRole('link', { name: /payment slip/ }).getAttribute('href')).toBe('/api/wallet/slip.pdf');
  const before = (await api<WalletJson>(resident, '/api/wallet')).available;

  // The bank's notification: the first booking of the fixture, paid with this resident's reference.
  const source = fixture('heimbau-camt054-v02.xml');
  const booking = /<Ntry>[\s\S]*?<\/Ntry>/.exec(source)![0]
    .replace(/<Ref>[^<]+<\/Ref>/, `<Ref>${details.reference}</Ref>`).replace(/<Amt Ccy="EUR">50.00<\/Amt>/g, '<Amt Ccy="EUR">35.00</Amt>')
    .replace(/240315AT0000001/g, `E2E${stamp}`);
  const xml = source.replace(/<Ntry>[\s\S]*<\/Ntry>/, booking).replace('HB054-20240315-0042', `E2E-${stamp}`);

  const staff = await e2e.newPage('en');
  await logIn(staff, 'manager@demo.test');
  await staff.getByRole('link', { name: 'Bank import', exact: true }).click();
  await staff.locator('input[type=file]').setInputFiles({ name: `camt054-${stamp}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await staff.getByRole('button', { name: 'Import', exact: true }).click();
  const report = staff.getByRole('status').filter({ hasText: 'Imported' });
  await report.waitFor();
  expect(await report.textContent()).toContain(`Credited in total: ${euro(3500)}`);
  await staff.getByRole('cell', { name: new RegExp(`camt054-${stamp}\\.xml`) }).waitFor();

  // The same file again credits nothing.
  await staff.locator('input[type=file]').setInputFiles({ name: `camt054-${stamp}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await staff.getByRole('button', { name: 'Import', exact: true }).click();
  await staff.getByText('This file was imported before; nothing was credited again.').waitFor();
  await staff.context().close();

  await resident.reload();
  await expect.poll(() => shown(resident)).toBe(euro(before + 3500));
  await resident.context().close();
});

it('staff credit an unmatched bank credit to a resident and return another to the payer', async () => {
  const source = fixture('heimbau-camt054-v02.xml');
  const booking = /<Ntry>[\s\S]*?<\/Ntry>/.exec(source)![0].replace(/<RmtInf>[\s\S]*?<\/RmtInf>/, '<RmtInf><Ustrd>Laundry money</Ustrd></RmtInf>');
  const bookings = ['A', 'B'].map((n) => booking.replace(/240315AT0000001/g, `R${n}${stamp}`).replace(/Anna Huber/, `Payer ${n}`)).join('\n');
  const xml = source.replace(/<Ntry>[\s\S]*<\/Ntry>/, bookings).replace('HB054-20240315-0042', `E2E-R-${stamp}`);

  const staff = await e2e.newPage('en');
  await logIn(staff, 'manager@demo.test');
  await staff.getByRole('link', { name: 'Bank import', exact: true }).click();
  const before = (await api<{ available: number }[]>(staff, '/api/wallets?search=HEIMBAU-10001'))[0]!.available;
  await staff.locator('input[type=file]').setInputFiles({ name: `review-${stamp}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await staff.getByRole('button', { name: 'Import', exact: true }).click();
  expect(await staff.getByRole('status').filter({ hasText: 'Imported' }).textContent()).toMatch(/To review\s*2/);

  await staff.getByRole('row').filter({ hasText: 'Payer A' }).getByRole('button', { name: 'Credit' }).press('Enter');
  const assign = staff.getByRole('dialog', { name: 'Credit to a resident' });
  await assign.getByLabel(/^Credit to/).fill('Huber');
  await staff.getByRole('option', { name: /Anna Huber · HEIMBAU-10001/ }).click();
  await assign.getByRole('button', { name: 'Credit', exact: true }).click();
  await staff.getByText('Credited to the wallet.').waitFor();

  await staff.getByRole('row').filter({ hasText: 'Payer B' }).getByRole('button', { name: 'Mark as returned' }).press('Enter');
  const ret = staff.getByRole('dialog', { name: 'Return to the payer' });
  await ret.getByLabel(/^Reason/).fill('No customer of ours');
  await ret.getByRole('button', { name: 'Mark as returned' }).click();
  await staff.getByText('Marked as returned.').waitFor();
  await expect.poll(() => staff.getByRole('row').filter({ hasText: /Payer [AB]/ }).count()).toBe(0);

  const after = (await api<{ available: number }[]>(staff, '/api/wallets?search=HEIMBAU-10001'))[0]!.available;
  expect(after).toBe(before + 5000);
  await staff.context().close();
});

it('a resident sends money to a neighbour (invited through the portal), who accepts it', async () => {
  // Lukas Gruber has no login in the demo: the manager invites him and he accepts by the mailed link.
  const manager = await e2e.newPage('en');
  await logIn(manager, 'manager@demo.test');
  await manager.getByRole('link', { name: 'Residents', exact: true }).click();
  await manager.getByLabel('Search').fill('Gruber');
  await manager.getByRole('link', { name: 'Gruber, Lukas' }).click();
  const heading = await manager.getByRole('heading', { level: 1, name: /Lukas Gruber/ }).textContent();
  const customerNumber = /HEIMBAU-\d+/.exec(heading ?? '')![0];
  await manager.getByRole('button', { name: 'Invite to portal' }).click();
  await manager.getByText('Invitation sent to lukas.gruber@demo.test').waitFor();
  await manager.context().close();

  const operator = await e2e.newPage('en');
  await logIn(operator, 'operator@demo.test');
  await operator.getByRole('link', { name: 'Mail outbox' }).waitFor();
  const outbox = await api<{ mails: { recipient: string; bodyText: string }[] }>(operator, '/api/operator/outbox');
  const mail = outbox.mails.find((m) => m.recipient === 'lukas.gruber@demo.test')!;
  const link = new URL(/https?:\/\/\S+\/accept-invitation\?token=[\w%-]+/.exec(mail.bodyText)![0]);
  await operator.context().close();

  const lukasSignup = await e2e.newPage('en');
  await lukasSignup.goto(link.pathname + link.search);
  const name = lukasSignup.getByLabel('Your name');
  await name.waitFor();
  if (!(await name.inputValue())) await name.fill('Lukas Gruber');
  await lukasSignup.getByLabel(/^New password/).fill('lukas-long-password');
  await lukasSignup.getByLabel(/^Repeat the new password/).fill('lukas-long-password');
  await lukasSignup.getByRole('button', { name: 'Create account' }).click();
  await lukasSignup.waitForURL('**/home');
  await lukasSignup.context().close();

  const anna = await walletPage('resident@demo.test');
  const annaBefore = (await api<WalletJson>(anna, '/api/wallet')).available;
  await anna.getByRole('tab', { name: 'Send to a neighbour' }).click();
  await anna.getByLabel(/^Customer number of the receiver/).fill(customerNumber);
  await anna.getByLabel(/^Amount \(EUR\)/).fill('7.50');
  await anna.getByRole('button', { name: 'Send', exact: true }).click();
  await anna.getByText('Sent to Lukas Gruber.').waitFor();
  await anna.getByRole('row').filter({ hasText: 'to Lukas Gruber' }).filter({ hasText: 'Waiting' }).waitFor();
  await expect.poll(() => shown(anna)).toBe(euro(annaBefore - 750));

  const lukas = await walletPage('lukas.gruber@demo.test', 'lukas-long-password');
  const lukasBefore = (await api<WalletJson>(lukas, '/api/wallet')).available;
  await lukas.getByRole('tab', { name: 'Send to a neighbour' }).click();
  const row = lukas.getByRole('row').filter({ hasText: 'from Anna Huber' });
  // By keyboard: the "previous logins" notice right after login covers this corner of the page.
  await row.getByRole('button', { name: 'Accept' }).press('Enter');
  await row.filter({ hasText: 'Accepted' }).waitFor();
  await expect.poll(() => shown(lukas)).toBe(euro(lukasBefore + 750));
  await lukas.context().close();

  await anna.reload();
  await anna.getByRole('tab', { name: 'Send to a neighbour' }).click();
  await anna.getByRole('row').filter({ hasText: 'to Lukas Gruber' }).filter({ hasText: 'Accepted' }).waitFor();
  expect((await api<WalletJson>(anna, '/api/wallet')).available).toBe(annaBefore - 750);
  await anna.context().close();
});

it('a resident asks for a refund; staff approve it; the resident sees it approved and a balance of 0', async () => {
  const anna = await walletPage('resident@demo.test');
  const before = await api<WalletJson>(anna, '/api/wallet');
  expect(before.available).toBeGreaterThan(150);
  await anna.getByRole('tab', { name: 'Refund' }).click();
  await anna.getByText(`A processing fee of ${euro(150)} is deducted.`).waitFor();
  await anna.getByLabel(/^IBAN/).fill('AT48 3200 0000 1234 5864');
  expect(await anna.getByLabel(/^Account holder/).inputValue()).not.toBe('');
  await anna.getByRole('button', { name: 'Request refund' }).click();
  const dialog = anna.getByRole('dialog', { name: 'Request a refund?' });
  expect(await dialog.textContent()).toContain(euro(before.available - 150));
  await dialog.getByRole('button', { name: 'Request refund' }).click();
  await anna.getByRole('row').filter({ hasText: 'Requested' }).waitFor();
  await expect.poll(() => shown(anna)).toBe(euro(0));

  const staff = await e2e.newPage('en');
  await logIn(staff, 'manager@demo.test');
  await staff.getByRole('link', { name: 'Refunds', exact: true }).click();
  const request = staff.getByRole('row').filter({ hasText: 'Anna Huber' });
  await request.getByRole('button', { name: 'Approve' }).click();
  await staff.getByRole('dialog', { name: 'Approve this refund?' }).getByRole('button', { name: 'Approve' }).click();
  await expect.poll(() => request.count()).toBe(0);
  await staff.locator('label', { hasText: /^Approved$/ }).click();
  await staff.getByRole('row').filter({ hasText: 'Anna Huber' }).filter({ hasText: euro(before.available - 150) }).waitFor();
  await staff.context().close();

  await anna.reload();
  await anna.getByRole('tab', { name: 'Refund' }).click();
  await anna.getByRole('row').filter({ hasText: 'Approved' }).filter({ hasText: euro(before.available - 150) }).waitFor();
  expect(await shown(anna)).toBe(euro(0));
  const after = await api<WalletJson>(anna, '/api/wallet');
  expect([after.available, after.pendingDebits]).toEqual([0, 0]);
  await anna.context().close();
});

it('photographs the wallet pages at desktop and phone size when asked', async () => {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
    const resident = await e2e.newPage('en');
    await resident.setViewportSize(viewport);
    await logIn(resident, 'lukas.gruber@demo.test', 'lukas-long-password');
    await resident.waitForURL('**/home');
    for (const tab of ['Top up', 'Send to a neighbour', 'Statement']) {
      await resident.goto('/wallet');
      await resident.getByRole('tab', { name: tab }).click();
      await resident.waitForTimeout(400);
      await resident.screenshot({ path: `${dir}/${label}_wallet_${tab.split(' ')[0]!.toLowerCase()}.png`, fullPage: true });
    }
    await resident.context().close();
    const staff = await e2e.newPage('en');
    await staff.setViewportSize(viewport);
    await logIn(staff, 'manager@demo.test');
    await staff.getByRole('link', { name: 'Security', exact: true }).waitFor();
    for (const path of ['/wallets', '/bank-import', '/refunds', '/settings/bank-account']) {
      await staff.goto(path);
      await staff.getByRole('heading', { level: 1 }).waitFor();
      await staff.waitForTimeout(400);
      await staff.screenshot({ path: `${dir}/${label}${path.replace(/\//g, '_')}.png`, fullPage: true });
    }
    await staff.goto('/wallets');
    await staff.getByRole('link', { name: 'Anna Huber' }).click();
    await staff.getByTestId('available-balance').waitFor();
    await staff.waitForTimeout(400);
    await staff.screenshot({ path: `${dir}/${label}_wallet_detail.png`, fullPage: true });
    await staff.context().close();
  }
});
