// The badge stock in the browser: staff import a list with a bad row and see the report name
// it, nothing imported; they correct the file, import it and find a badge by its label. The
// operator assigns a list to two managers and sees a UID that both hold.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

async function choose(page: Page, name: string, csv: string) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

it('staff see the report naming a bad row, import the corrected file and find a badge by label', async () => {
  const staff = await e2e.newPage('en');
  await logIn(staff, 'staff@demo.test');
  await staff.getByRole('link', { name: 'Badge stock', exact: true }).click();
  await staff.getByRole('heading', { level: 1, name: 'Badge stock' }).waitFor();

  const good = ['uid;label;technology', '04E2E000000001;ID*heimbau*4401;mifare_classic', '04E2E000000002;ID*heimbau*4402;'];
  await choose(staff, 'lieferung.csv', [...good, '04E2E00000003;ID*heimbau*4403;', ''].join('\r\n'));
  const report = staff.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await report.waitFor();
  expect(await report.textContent()).toContain('1 of 3 rows are wrong');
  const row = report.getByRole('row').filter({ hasText: '04E2E00000003' });
  expect(await row.getByRole('cell').allTextContents()).toEqual(['4', 'UID', '04E2E00000003', 'A UID has 8, 14 or 20 hexadecimal digits (4, 7 or 10 bytes).']);
  // Nothing was imported: the demo's delivered list is all the stock holds.
  expect(await staff.getByRole('table', { name: 'In stock' }).getByRole('row').filter({ hasText: 'ID*heimbau*44' }).count()).toBe(0);

  await choose(staff, 'lieferung.csv', [...good, '04E2E000000003;ID*heimbau*4403;', ''].join('\r\n'));
  const done = staff.getByRole('status').filter({ hasText: 'Imported' });
  await done.waitFor();
  expect(await done.textContent()).toContain('Badges added to the stock: 3');
  await staff.getByRole('table', { name: 'Imports' }).getByRole('row').filter({ hasText: 'lieferung.csv' }).waitFor();

  await staff.getByLabel('Search').fill('heimbau*4402');
  const stock = staff.getByRole('table', { name: 'In stock' });
  await expect.poll(async () => (await stock.getByRole('row').allTextContents()).slice(1)).toEqual([expect.stringContaining('ID*heimbau*4402')]);
  expect(await stock.getByRole('row').nth(1).textContent()).toContain('04E2E000000002');
  await staff.context().close();
});

it('the operator assigns a list to two managers and sees a UID both hold', async () => {
  const operator = await e2e.newPage('en');
  await logIn(operator, 'operator@demo.test');
  await operator.getByRole('link', { name: 'Badge stock', exact: true }).click();
  // 04E2E000000001 is already Heimbau's (first test); Régie du Lac may hold it too.
  await choose(operator, 'supplier.csv', 'uid,label,technology,manager\n04E2E000000001,ID*regielac*4401,,regielac\n04E2E000000009,ID*heimbau*4409,,heimbau\n');
  const done = operator.getByRole('status').filter({ hasText: 'Imported' });
  await done.waitFor();
  expect(await done.textContent()).toMatch(/Badges added to the stock: 2.*Régie du Lac \(regielac\): 1.*Heimbau \(heimbau\): 1/); // in the file's order
  const shared = operator.getByRole('table', { name: 'UIDs at several property managers' }).getByRole('row').filter({ hasText: '04E2E000000001' });
  await shared.waitFor();
  expect(await shared.textContent()).toMatch(/Heimbau \(heimbau\) · in stock · ID\*heimbau\*4401.*Régie du Lac \(regielac\) · in stock · ID\*regielac\*4401/);
  await operator.context().close();
});
