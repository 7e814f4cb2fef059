// Delivering a run's invoices when two deliveries of the same run overlap (two invoice runs of one
// period, on two nodes or one after a restart): each invoice is e-mailed exactly once; one a run
// took but never marked (it died while sending) goes out with a later run once the lease is over.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { deliverRun } from './invoices.delivery.ts';
import { addPostpaidCharger, addPostpaidSessions } from './invoices.fixtures.ts';
import { SENDING_LEASE_MS } from './invoices.repository.ts';
import { runInvoices } from './invoices.usecases.ts';

let ctx: TestContext;
let tenantId: string;
let runId: string;
let numbers: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  const people = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['id', 'tenant_id', 'email'])
    .where('customer_number', 'in', ['HEIMBAU-10001', 'HEIMBAU-10002', 'HEIMBAU-10003', 'HEIMBAU-10004']).execute());
  tenantId = people[0]!.tenant_id;
  const charger = await addPostpaidCharger(ctx.deps.db, tenantId);
  await addPostpaidSessions(ctx.deps.db, tenantId, charger, people.map((p, i) => ({ personId: p.id, wh: 5_000, amountMinor: 300 + i, stoppedAt: new Date('2026-10-05T10:00:00Z') })));
  const report = await runInvoices(ctx.deps, tenantId, '2026-10');
  runId = report.run!.id;
  const invoices = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('invoices').select(['number', 'person_id']).where('run_id', '=', runId).execute());
  const emailed = new Set(people.filter((p) => p.email).map((p) => p.id));
  numbers = invoices.filter((i) => emailed.has(i.person_id)).map((i) => i.number).sort();
  expect(numbers.length).toBeGreaterThanOrEqual(2);
});
afterAll(async () => { await ctx?.close(); });

/** As if the run had been interrupted before delivering: every invoice of it still pending. */
const undeliver = () => asPlatform(ctx.deps.db, (tx) => tx.updateTable('invoices').set({ delivery: 'pending', delivered_at: null, sending_since: null }).where('run_id', '=', runId).execute());
const mailedNumbers = () => ctx.mails.flatMap((m) => (m.attachments ?? []).map((a) => /^invoice-(.+)\.pdf$/.exec(a.filename)?.[1])).filter((n) => n !== undefined).sort();

it('e-mails each invoice exactly once when two deliveries of the run go at the same time', async () => {
  await undeliver();
  ctx.mails.length = 0;
  const reports = await Promise.all([0, 1].map(() => deliverRun(ctx.deps, tenantId, runId, '2026-10')));
  expect(mailedNumbers()).toEqual(numbers);
  expect(reports[0]!.emailed + reports[1]!.emailed).toBe(numbers.length);
  // Both are done: nothing is left for a third.
  expect(await deliverRun(ctx.deps, tenantId, runId, '2026-10')).toEqual({ emailed: 0, withoutEmail: 0 });
  expect(mailedNumbers()).toEqual(numbers);
});

it('leaves an invoice another run is sending to it, and sends it once that run\'s lease is over', async () => {
  await undeliver();
  ctx.mails.length = 0;
  const taken = numbers[0]!;
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('invoices').set({ sending_since: ctx.clock.now() }).where('run_id', '=', runId).where('number', '=', taken).execute());
  await deliverRun(ctx.deps, tenantId, runId, '2026-10');
  expect(mailedNumbers()).toEqual(numbers.filter((n) => n !== taken));

  ctx.clock.advance(SENDING_LEASE_MS + 1_000);
  await deliverRun(ctx.deps, tenantId, runId, '2026-10');
  expect(mailedNumbers()).toEqual(numbers);
});
