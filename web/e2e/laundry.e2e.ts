// Laundry from the portal end to end: the product with its gateway, a simulated laundry terminal
// (HEIMBAU-WK1, Anna Huber's laundry room) connected to it, and the resident in the browser.
// The terminal runs on a manual clock, so ten minutes of washing pass in an instant and the meter
// reads exactly what the test says.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_DEVICE_PASSWORD, DEMO_DEVICES } from '../../server/src/demo/devices.ts';
import { ManualClock } from '../../server/src/simulator/clock.ts';
import { localGatewayUrl } from '../../server/src/simulator/demo.ts';
import { SimulatedTerminal } from '../../server/src/simulator/terminal.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
let terminal: SimulatedTerminal;
const clock = new ManualClock();
const MINUTE = 60_000;

beforeAll(async () => {
  // The product's own demo simulators stay off: this test drives the terminal itself.
  e2e = await startE2E({ DEMO_SIMULATORS: 'false' });
  const demo = DEMO_DEVICES.find((d) => d.identity === 'HEIMBAU-WK1')!;
  const { port } = new URL(e2e.baseUrl);
  terminal = new SimulatedTerminal({
    url: localGatewayUrl('127.0.0.1', Number(port)), identity: demo.identity, password: DEMO_DEVICE_PASSWORD, serialNumber: demo.serialNumber,
    // 3.6 kW: ten minutes of washing are exactly 0.6 kWh.
    connectors: demo.appliances.map((a) => ({ ...a, powerW: 3_600 })), clock, reconnect: false,
  });
  await terminal.connect();
  await terminal.whenAccepted();
  await terminal.idle();
});
afterAll(async () => {
  await terminal?.close();
  await e2e?.close();
});

const euro = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
const available = async (page: Page) => (await api<{ available: number }>(page, '/api/wallet')).available;

/** Waits until the terminal runs a transaction the Central System numbered on the connector. */
async function runningOn(connectorId: number): Promise<void> {
  await expect.poll(() => (terminal.connector(connectorId).transaction?.id ?? 0) > 0, { timeout: 20_000 }).toBe(true);
  await terminal.idle();
}

it('a resident starts a washer from the portal on a simulated terminal, watches it turn busy, and sees the receipt and new balance when it ends', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Laundry & charging', exact: true }).click();
  const washer = page.getByRole('region', { name: 'Waschmaschine 1', exact: true });
  await washer.waitFor();
  const before = await available(page);
  expect(before).toBeGreaterThan(50);

  // Free, with its price shown before anything starts.
  await expect.poll(() => washer.getByTestId('appliance-status').getAttribute('data-status')).toBe('free');
  await washer.getByText(`${euro(50)} per kWh`).waitFor();
  // The dryers' terminal is not connected in this test: shown offline, priced, but not startable.
  const dryer = page.getByRole('region', { name: 'Trockner 1', exact: true });
  await dryer.getByText(`${euro(100)} per hour`).waitFor();
  expect(await dryer.getByTestId('appliance-status').getAttribute('data-status')).toBe('offline');
  await dryer.getByText('The terminal is offline', { exact: false }).waitFor();
  expect(await dryer.getByRole('button', { name: 'Start', exact: true }).count()).toBe(0);

  await washer.getByRole('button', { name: 'Start', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Start Waschmaschine 1' });
  const maximum = dialog.getByRole('textbox', { name: 'Maximum energy in kWh' });
  await maximum.fill('2.5');
  await expect.poll(() => dialog.getByTestId('maximum-cost').textContent()).toBe(`At most ${euro(125)}`);
  await maximum.fill('1');
  await expect.poll(() => dialog.getByTestId('maximum-cost').textContent()).toBe(`At most ${euro(50)}`);
  await dialog.getByText('Only what is really consumed is charged', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Start now' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The terminal takes the remote start; the page shows the appliance busy with the resident's session.
  await runningOn(1);
  await expect.poll(() => washer.getByTestId('appliance-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('busy');
  await washer.getByText('Your session, running since', { exact: false }).waitFor();
  await washer.getByText(`Held on your balance: ${euro(50)}`).waitFor();
  expect(await available(page)).toBe(before - 50);

  // Ten minutes at 3.6 kW: 0.6 kWh, then the programme ends at the terminal.
  for (let minute = 0; minute < 10; minute++) {
    await clock.advance(MINUTE);
    await terminal.idle();
  }
  await terminal.stop(1);

  const receipt = page.getByTestId('finished-receipt');
  await receipt.getByText('Waschmaschine 1 has finished').waitFor({ timeout: 10_000 });
  await receipt.getByText(`Consumed 0.6 kWh, charged ${euro(30)}.`, { exact: false }).waitFor();
  await receipt.getByText(`New balance: ${euro(before - 30)}`).waitFor();
  await expect.poll(() => page.getByTestId('laundry-balance').textContent()).toBe(euro(before - 30));
  await expect.poll(() => washer.getByTestId('appliance-status').getAttribute('data-status')).toBe('free');
  await page.getByRole('table', { name: 'Receipts' }).getByRole('row').filter({ hasText: 'Waschmaschine 1' }).filter({ hasText: euro(30) }).waitFor();

  // The full receipt: amount, the VAT it contains (20 % of a gross 0.30 is 0.05) and why it ended.
  await receipt.getByRole('link', { name: 'Show receipt' }).click();
  const details = page.getByRole('table', { name: 'Receipt' });
  await details.getByRole('row', { name: `Amount charged ${euro(30)}` }).waitFor();
  await details.getByRole('row', { name: `VAT contained (20 %) ${euro(5)}` }).waitFor();
  await details.getByRole('row', { name: 'Consumed 0.6 kWh' }).waitFor();
  await details.getByRole('row', { name: 'Chosen maximum 1 kWh' }).waitFor();
  await details.getByRole('row', { name: 'Ended by Appliance or terminal' }).waitFor();

  await page.getByRole('link', { name: 'Wallet', exact: true }).click();
  await expect.poll(() => page.getByTestId('available-balance').textContent()).toBe(euro(before - 30));
  expect(await available(page)).toBe(before - 30);
  await page.context().close();
});

it('staff see the running session of a resident and end it; nothing was consumed, so nothing is charged', async () => {
  const resident = await e2e.newPage('en');
  await logIn(resident, 'resident@demo.test');
  await resident.getByRole('link', { name: 'Laundry & charging', exact: true }).click();
  const washer = resident.getByRole('region', { name: 'Waschmaschine 2', exact: true });
  await washer.getByRole('button', { name: 'Start', exact: true }).click();
  await resident.getByRole('dialog', { name: 'Start Waschmaschine 2' }).getByRole('button', { name: 'Start now' }).click();
  await runningOn(2);
  const before = await available(resident);

  const staff = await e2e.newPage('en');
  await logIn(staff, 'manager@demo.test');
  await staff.getByRole('link', { name: 'Usage sessions', exact: true }).click();
  const row = staff.getByRole('table', { name: 'Usage sessions' }).getByRole('row').filter({ hasText: 'Waschmaschine 2' });
  await row.filter({ hasText: 'Anna Huber' }).filter({ hasText: 'Running' }).waitFor();
  await row.getByRole('button', { name: 'End the session on Waschmaschine 2' }).click();
  const dialog = staff.getByRole('dialog', { name: 'End this session?' });
  expect(await dialog.textContent()).toContain('Anna Huber');
  await dialog.getByRole('button', { name: 'End' }).click();
  await staff.getByText('Session ended.').waitFor();

  // The terminal switches off on RemoteStopTransaction; the session closes as ended by staff.
  await expect.poll(() => terminal.connector(2).transaction === undefined, { timeout: 10_000 }).toBe(true);
  await staff.getByRole('radiogroup', { name: 'Show' }).getByText('Completed', { exact: true }).click();
  await staff.getByRole('table', { name: 'Usage sessions' }).getByRole('row').filter({ hasText: 'Waschmaschine 2' }).filter({ hasText: 'Staff' }).waitFor({ timeout: 10_000 });

  await resident.getByTestId('finished-receipt').getByText('Waschmaschine 2 has finished').waitFor({ timeout: 10_000 });
  await expect.poll(() => available(resident)).toBe(before + 50);
  await resident.context().close();
  await staff.context().close();
});
