// The local authorisation list a terminal keeps for when it is offline: sent in full after it
// is accepted, in parts no longer than it takes, and kept in step as badges change.
import type { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { changeCredentialStatus } from '../../modules/credentials/credentials.lifecycle.ts';
import { addDevice, addResident, deviceClient, startGatewayWorld, type GatewayWorld } from './testing.ts';

interface SentList { listVersion: number; updateType: string; localAuthorizationList?: { idTag: string; idTagInfo?: { status: string } }[] }

let ctx: TestContext;
let world: GatewayWorld;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

/** A terminal that keeps a list of at most `perMessage` entries per message, as its configuration says. */
async function listKeepingTerminal(perMessage: number) {
  const { identity, deviceId } = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
  const client: RPCClient = deviceClient(world, identity);
  const received: SentList[] = [];
  let version = 0;
  client.handle('GetConfiguration', async () => ({
    configurationKey: [
      { key: 'LocalAuthListEnabled', readonly: false, value: 'true' },
      { key: 'LocalAuthListMaxLength', readonly: true, value: '10000' },
      { key: 'SendLocalListMaxLength', readonly: true, value: String(perMessage) },
    ],
  }));
  client.handle('GetLocalListVersion', async () => ({ listVersion: version }));
  client.handle('SendLocalList', async ({ params }) => {
    const list = params as SentList;
    received.push(list);
    version = list.listVersion;
    return { status: 'Accepted' };
  });
  await client.connect();
  await client.call('BootNotification', { chargePointVendor: 'Test', chargePointModel: 'List' });
  return { client, received, deviceId };
}

const tagsIn = (lists: SentList[]) => lists.flatMap((l) => (l.localAuthorizationList ?? []).map((e) => e.idTag));

describe('local authorisation lists', () => {
  it('sends the whole list after boot, in parts, then each badge change as a delta', async () => {
    const first = await addResident(world, 0);
    const { received, deviceId } = await listKeepingTerminal(2);
    await expect.poll(() => received.length).toBeGreaterThan(0);
    await expect.poll(async () => (await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('devices').select('local_list_version')
      .where('id', '=', deviceId).executeTakeFirstOrThrow())).local_list_version).toBe(received[0]!.listVersion);
    expect(received[0]!.updateType).toBe('Full');
    expect(received.every((l) => (l.localAuthorizationList?.length ?? 0) <= 2)).toBe(true);
    expect(received.slice(1).every((l) => l.updateType === 'Differential' && l.listVersion === received[0]!.listVersion)).toBe(true);
    expect(tagsIn(received)).toContain(first.idTag);

    const sentBefore = received.length;
    const second = await addResident(world, 0);
    await expect.poll(() => tagsIn(received.slice(sentBefore))).toContain(second.idTag);
    const delta = received.at(-1)!;
    expect(delta).toMatchObject({ updateType: 'Differential', localAuthorizationList: [{ idTag: second.idTag, idTagInfo: { status: 'Accepted' } }] });

    await inTenant(ctx.deps.db, world.tenantId, (tx) => changeCredentialStatus(tx, world.tenantId, first.credentialId, 'lost', { userId: null, actor: 'system', reason: null, now: new Date() }));
    await expect.poll(() => received.at(-1)!.localAuthorizationList).toEqual([{ idTag: first.idTag, idTagInfo: { status: 'Blocked' } }]);
  });
});
