// Money at the terminal, online only: a balance transfer between two badges present at the
// terminal, and an NFC bank-card top-up, each applied once under the terminal's own id.
import type { RPCClient } from 'ocpp-rpc';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice, addResident, balanceOf, bootedDevice, startGatewayWorld, vendorCall, type GatewayWorld } from '../../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let world: GatewayWorld;
let terminal: RPCClient;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
  terminal = await bootedDevice(world, device.identity);
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

describe('money at the terminal', () => {
  it('moves balance from one badge to another once, refusing more than the sender has', async () => {
    const [sender, receiver] = [await addResident(world, 1000), await addResident(world, 0)];
    const transfer = { transferId: randomUUID(), fromIdTag: sender.idTag, toIdTag: receiver.idTag, amount: 400 };
    expect(await vendorCall(terminal, 'BalanceTransfer', transfer)).toEqual({ status: 'Accepted', data: { fromBalance: 600, toBalance: 400, currency: 'EUR' } });
    expect(await vendorCall(terminal, 'BalanceTransfer', transfer)).toMatchObject({ status: 'Accepted' }); // the terminal resent it
    expect(await balanceOf(world, receiver.personId)).toEqual({ available: 400, posted: 400 });
    expect(await vendorCall(terminal, 'BalanceTransfer', { ...transfer, transferId: randomUUID(), amount: 601 })).toEqual({ status: 'Rejected', data: { reason: 'balance_too_low' } });
    expect(await vendorCall(terminal, 'BalanceTransfer', { ...transfer, transferId: randomUUID(), toIdTag: 'CAFEBABE99' })).toEqual({ status: 'Rejected', data: { reason: 'not_found' } });
    expect(await balanceOf(world, sender.personId)).toEqual({ available: 600, posted: 600 });
  });

  it('credits an NFC card payment once and refuses another currency', async () => {
    const resident = await addResident(world, 100);
    const payment = { paymentId: 'CC-778899', idTag: resident.idTag, amount: 2000, currency: 'EUR' };
    expect(await vendorCall(terminal, 'CardTopUp', payment)).toEqual({ status: 'Accepted', data: { balance: 2100, currency: 'EUR' } });
    expect(await vendorCall(terminal, 'CardTopUp', payment)).toEqual({ status: 'Accepted', data: { balance: 2100, currency: 'EUR' } });
    expect(await vendorCall(terminal, 'CardTopUp', { ...payment, paymentId: 'CC-1', currency: 'CHF' })).toEqual({ status: 'Rejected', data: { reason: 'not_allowed' } });
    expect(await balanceOf(world, resident.personId)).toEqual({ available: 2100, posted: 2100 });
  });
});
