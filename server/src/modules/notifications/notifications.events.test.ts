// The events other modules tell through the notification centre: a finished session's receipt
// (and its e-mail for those who asked for one), and a badge blocked by the office. A change the
// resident made themselves is not told back to them.
import type { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { addDevice, addResident, addTariff, bootedDevice, startGatewayWorld, type GatewayWorld } from '../../gateway/ocpp/testing.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { changeCredentialStatus } from '../credentials/credentials.lifecycle.ts';

let ctx: TestContext;
let world: GatewayWorld;
let terminal: RPCClient;
let resident: Awaited<ReturnType<typeof addResident>>;
let session: Session;
let userId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  await addTariff(world, { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 });
  const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
  terminal = await bootedDevice(world, device.identity);
  resident = await addResident(world, 1000);
  // The resident gets a login acting as that person.
  userId = await asPlatform(ctx.deps.db, async (tx) => {
    const password = (await tx.selectFrom('users').select('password_hash').where('email', '=', 'resident@demo.test').executeTakeFirstOrThrow()).password_hash;
    const user = await tx.insertInto('users').values({ email: 'receipts@demo.test', password_hash: password, display_name: 'Rita Receipt', language: 'de', platform_role: null,
      landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('memberships').values({ tenant_id: world.tenantId, user_id: user.id, role: 'resident', person_id: resident.personId }).execute();
    return user.id;
  });
  session = await login(ctx.app, 'receipts@demo.test');
});
afterAll(async () => {
  await world?.close();
  await ctx?.close();
});

const told = async (kind: string) => ((await session.request('GET', '/api/me/notifications')).body.notifications as { kind: string; title: string; body: string; link: string }[])
  .filter((n) => n.kind === kind);

async function wash(meterStop: number) {
  const start = await terminal.call('StartTransaction', { connectorId: 1, idTag: resident.idTag, meterStart: 1000, timestamp: new Date().toISOString() }) as { transactionId: number };
  await terminal.call('StopTransaction', { transactionId: start.transactionId, meterStop, timestamp: new Date().toISOString(), reason: 'Local' });
  return start.transactionId;
}

describe('events in the notification centre', () => {
  it('a finished session leaves a receipt with what was used and charged, and mails it only to those who asked', async () => {
    ctx.mails.length = 0;
    await wash(2250);
    const receipts = await told('session_receipt');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.title).toMatch(/^Beleg: /);
    expect(receipts[0]!.body).toMatch(/^1,25 kWh · 0,63\s€ · /);
    expect(receipts[0]!.link).toMatch(/^\/laundry\/sessions\/[0-9a-f-]{36}$/);
    expect(ctx.mails.filter((m) => m.to === 'receipts@demo.test')).toEqual([]);

    expect((await session.request('PUT', '/api/me/notification-preferences', { kind: 'session_receipt', portal: true, email: true, sms: false })).status).toBe(200);
    await wash(1500);
    const mails = ctx.mails.filter((m) => m.to === 'receipts@demo.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Beleg: .*0,25\s€$/);
    expect(mails[0]!.text).toContain('Verbrauch: 0,5 kWh');
    expect(await told('session_receipt')).toHaveLength(2);
  });

  it('a badge blocked by the office is told to its holder; their own report is not told back', async () => {
    await inTenant(ctx.deps.db, world.tenantId, (tx) => changeCredentialStatus(tx, world.tenantId, resident.credentialId, 'blocked',
      { userId: null, actor: 'staff', reason: 'test', now: new Date() }));
    const badges = await told('badge');
    expect(badges).toEqual([expect.objectContaining({ body: 'wurde gesperrt', link: '/my-badges' })]);
    await inTenant(ctx.deps.db, world.tenantId, (tx) => changeCredentialStatus(tx, world.tenantId, resident.credentialId, 'lost',
      { userId, actor: 'resident', reason: null, now: new Date() }));
    expect(await told('badge')).toHaveLength(1);
  });
});
