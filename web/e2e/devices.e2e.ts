// Devices end to end: a manager registers a laundry terminal and keeps its one-time password,
// wires two washers and is refused a third metered circuit; the terminal then connects over
// OCPP with that password, waits for acceptance with its serial number shown, is accepted, and
// its washer's status turns free on the page without a reload (live stream).
import { RPCClient } from 'ocpp-rpc';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
let device: RPCClient | undefined;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await device?.close({ force: true }).catch(() => {}); await e2e?.close(); });

/** Mantine's Select: open it by its label (required fields end in " *"), then pick the option. */
async function choose(page: Page, label: string, option: string) {
  const name = new RegExp(`^${label}( \\*)?$`);
  await page.getByRole('combobox', { name }).or(page.getByRole('textbox', { name })).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addAppliance(page: Page, name: string, kind: string) {
  await page.getByRole('button', { name: 'Add appliance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add appliance' });
  await dialog.getByLabel(/^Name/).fill(name);
  await choose(page, 'Appliance', kind);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  return dialog;
}

const identity = `WT-${Date.now().toString(36)}`;

it('a manager registers a terminal, wires two washers, is refused a third circuit and accepts the device when it connects', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Devices', exact: true }).click();
  await page.getByRole('button', { name: 'Register device' }).click();

  const form = page.getByRole('dialog', { name: 'Register a device' });
  await form.getByLabel(/^Identity/).fill(identity);
  await form.getByLabel(/^Name/).fill('Waschküche Terminal');
  await choose(page, 'Site', 'Wohnhausanlage Leopoldau');
  await choose(page, 'Room', 'Waschküche Stiege 1');
  await form.getByRole('button', { name: 'Register' }).click();

  const shown = page.getByRole('dialog', { name: 'Device password' });
  await shown.getByText('It is shown only this once').waitFor();
  const password = (await shown.getByTestId('device-password').textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  await shown.getByRole('button', { name: 'Copy password' }).waitFor();
  await shown.getByRole('button', { name: 'Open device page' }).click();

  await page.getByRole('heading', { name: 'Waschküche Terminal' }).waitFor();
  await page.getByText('Awaiting acceptance').first().waitFor();
  await addAppliance(page, 'Waschmaschine 1', 'Washing machine');
  await page.getByRole('dialog', { name: 'Add appliance' }).waitFor({ state: 'hidden' });
  await addAppliance(page, 'Waschmaschine 2', 'Washing machine');
  await page.getByRole('dialog', { name: 'Add appliance' }).waitFor({ state: 'hidden' });
  const appliances = page.getByRole('table', { name: 'Appliances' });
  await appliances.getByRole('row').filter({ hasText: 'Waschmaschine 2' }).filter({ hasText: 'Energy (kWh)' }).waitFor();

  const third = await addAppliance(page, 'Trockner', 'Dryer');
  await third.getByRole('alert').filter({ hasText: 'A terminal has at most 2 metered circuits.' }).waitFor();
  await third.getByRole('button', { name: 'Cancel' }).click();
  expect(await appliances.getByRole('row').filter({ hasText: 'Trockner' }).count()).toBe(0);

  // The terminal connects with the password it was given and reports itself at boot.
  device = new RPCClient({ endpoint: `${e2e.baseUrl.replace(/^http/, 'ws')}/ocpp`, identity, password, protocols: ['ocpp1.6'], strictMode: true, reconnect: false } as ConstructorParameters<typeof RPCClient>[0]);
  await device.connect();
  const boot = { chargePointVendor: 'Miele', chargePointModel: 'PWT 6089', chargePointSerialNumber: 'SN-77123', firmwareVersion: '4.2.0' };
  expect(((await device.call('BootNotification', boot)) as { status: string }).status).toBe('Pending');

  await page.getByRole('link', { name: 'Devices', exact: true }).click();
  const pending = page.getByRole('region', { name: 'Devices awaiting acceptance' });
  await pending.getByText('Miele PWT 6089, serial number SN-77123, firmware 4.2.0').waitFor();
  const row = page.getByRole('region', { name: 'Waschküche Terminal' });
  await row.getByTestId(/^appliance-/).first().getByText('Unavailable').waitFor();
  await pending.getByRole('button', { name: 'Accept Waschküche Terminal' }).click();
  await page.getByText('Waschküche Terminal was accepted.').waitFor();
  await pending.waitFor({ state: 'hidden' });

  expect(((await device.call('BootNotification', boot)) as { status: string }).status).toBe('Accepted');
  await device.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  await device.call('StatusNotification', { connectorId: 2, errorCode: 'GroundFailure', status: 'Faulted' });
  // No reload: the page hears it on its event stream.
  const washer1 = row.locator('[data-testid^="appliance-"]').filter({ hasText: 'Waschmaschine 1' });
  const washer2 = row.locator('[data-testid^="appliance-"]').filter({ hasText: 'Waschmaschine 2' });
  await washer1.locator('[data-status="free"]').getByText('Free').waitFor();
  await washer2.locator('[data-status="fault"]').getByText('Fault').waitFor();
  await page.context().close();
});
