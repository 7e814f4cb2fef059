// Test setup for the gateway: a site of its own in a demo tenant with devices, appliances and
// tariffs written as staff would leave them, residents with badges and money, and OCPP clients
// that connect as real devices do (Basic auth, ocpp1.6, strict mode).
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { RPCClient } from 'ocpp-rpc';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { ApplianceKind, DeviceKind, DeviceRegistration, Metering } from '../../db/schema.ts';
import { hashPassword } from '../../modules/auth/auth.passwords.ts';
import { addBadge } from '../../modules/authorization/authorization.testing.ts';
import { systemAccount, transferId, transferNow, walletOf } from '../../modules/ledger/ledger.usecases.ts';
import type { TestContext } from '../../test/app.ts';
import { attachGateway, type Gateway } from './gateway.ts';
import { VENDOR_ID } from './vendor.ts';

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

export const DEVICE_PASSWORD = 'device-password-for-tests';
let passwordHash: Promise<string> | undefined;

export interface GatewayWorld {
  ctx: TestContext;
  gateway: Gateway;
  url: string;
  tenantId: string;
  siteId: string;
  clients: RPCClient[];
  close(): Promise<void>;
}

/** The app listening on a port with the gateway attached, and a fresh site in the Heimbau tenant. */
export async function startGatewayWorld(ctx: TestContext, options: { node?: string } = {}): Promise<GatewayWorld> {
  const gateway = attachGateway(ctx.app.server, ctx.deps, options);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/ocpp`;
  const tenant = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow());
  const site = await inTenant(ctx.deps.db, tenant.id, (tx) => tx.insertInto('sites').values({
    tenant_id: tenant.id, name: `Test site ${randomUUID().slice(0, 8)}`, street: 'Teststraße 1', postal_code: '1010', city: 'Wien', country: 'AT', accounting_unit: null,
  }).returning('id').executeTakeFirstOrThrow());
  const clients: RPCClient[] = [];
  return {
    ctx, gateway, url, tenantId: tenant.id, siteId: site.id, clients,
    async close() {
      await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => {})));
      await gateway.close();
    },
  };
}

export interface DeviceSpec {
  identity?: string;
  /** Default: the world's own site. */
  siteId?: string;
  kind?: DeviceKind;
  registration?: DeviceRegistration;
  appliances: { connectorId: number; kind: ApplianceKind; metering: Metering }[];
}

export async function addDevice(world: GatewayWorld, spec: DeviceSpec) {
  const identity = spec.identity ?? `T-${randomUUID().slice(0, 8)}`;
  const hash = await (passwordHash ??= hashPassword(DEVICE_PASSWORD));
  return inTenant(world.ctx.deps.db, world.tenantId, async (tx) => {
    const device = await tx.insertInto('devices').values({
      tenant_id: world.tenantId, identity, kind: spec.kind ?? 'laundry_terminal', site_id: spec.siteId ?? world.siteId, unit_id: null, name: identity,
      password_hash: hash, registration: spec.registration ?? 'accepted',
    } as never).returning('id').executeTakeFirstOrThrow();
    const appliances = new Map<number, string>();
    for (const a of spec.appliances) {
      const row = await tx.insertInto('appliances').values({ tenant_id: world.tenantId, device_id: device.id, connector_id: a.connectorId, kind: a.kind, metering: a.metering, name: `${a.kind} ${a.connectorId}` } as never)
        .returning('id').executeTakeFirstOrThrow();
      appliances.set(a.connectorId, row.id);
    }
    return { identity, deviceId: device.id, appliances };
  });
}

export async function addTariff(world: GatewayWorld, tariff: { applianceKind: ApplianceKind; metering: Metering; unitPriceMinor: number; sessionFeeMinor?: number; validFrom?: Date }) {
  await inTenant(world.ctx.deps.db, world.tenantId, (tx) => tx.insertInto('tariffs').values({
    tenant_id: world.tenantId, site_id: world.siteId, appliance_kind: tariff.applianceKind, metering: tariff.metering, unit_price_minor: tariff.unitPriceMinor,
    session_fee_minor: tariff.sessionFeeMinor ?? 0, vat_rate_bp: 2000, currency: 'EUR', valid_from: tariff.validFrom ?? new Date('2020-01-01T00:00:00Z'), valid_to: null,
  } as never).execute());
}

/** A person with an active badge and `balanceMinor` on the wallet. */
export async function addResident(world: GatewayWorld, balanceMinor: number) {
  const { db } = world.ctx.deps;
  const idTag = randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase();
  const person = await inTenant(db, world.tenantId, (tx) => tx.insertInto('people').values({
    tenant_id: world.tenantId, customer_number: `T${idTag}`, first_name: 'Test', last_name: idTag, email: null, landline: null, mobile: null, language: 'de',
  } as never).returning('id').executeTakeFirstOrThrow());
  const badge = await addBadge(db, world.tenantId, { idTag, personId: person.id }, world.ctx.deps.authorization.cache);
  if (balanceMinor > 0) await topUp(world, person.id, balanceMinor);
  return { personId: person.id, idTag, credentialId: badge.id };
}

export async function topUp(world: GatewayWorld, personId: string, amountMinor: number): Promise<void> {
  const { db } = world.ctx.deps;
  const accounts = await inTenant(db, world.tenantId, async (tx) => ({
    wallet: (await walletOf(tx, world.tenantId, personId)).id, source: await systemAccount(tx, world.tenantId, 'adjustments'),
  }));
  await transferNow(db, world.tenantId, {
    id: transferId('test-top-up', randomUUID()), debitAccountId: accounts.source, creditAccountId: accounts.wallet, amount: amountMinor, code: 'top_up',
    reference: { type: 'test', id: personId },
  });
}

export async function balanceOf(world: GatewayWorld, personId: string): Promise<{ available: number; posted: number }> {
  const wallet = await inTenant(world.ctx.deps.db, world.tenantId, (tx) => walletOf(tx, world.tenantId, personId));
  return { available: wallet.available, posted: wallet.posted };
}

/** An OCPP 1.6J client as a real device connects. */
export function deviceClient(world: GatewayWorld, identity: string, options: Partial<ClientOptions> = {}): RPCClient {
  const client = new RPCClient({
    endpoint: world.url, identity, password: DEVICE_PASSWORD, protocols: ['ocpp1.6'], strictMode: true, reconnect: false, ...options,
  } as ClientOptions);
  world.clients.push(client);
  return client;
}

/** Connects and boots; the device is accepted when its registration says so. */
export async function bootedDevice(world: GatewayWorld, identity: string, options: Partial<ClientOptions> = {}): Promise<RPCClient> {
  const client = deviceClient(world, identity, options);
  await client.connect();
  await client.call('BootNotification', { chargePointVendor: 'Test', chargePointModel: 'T1', chargePointSerialNumber: identity });
  return client;
}

/** One of our vendor messages; the answer's data parsed. */
export async function vendorCall(client: RPCClient, messageId: string, data: object): Promise<{ status: string; data: any }> {
  const answer = await client.call('DataTransfer', { vendorId: VENDOR_ID, messageId, data: JSON.stringify(data) }) as { status: string; data?: string };
  return { status: answer.status, data: answer.data ? JSON.parse(answer.data) : undefined };
}

export function energyReading(at: Date, wh: number, powerW?: number) {
  const sampledValue: { value: string; measurand: string; unit: string }[] = [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }];
  if (powerW !== undefined) sampledValue.push({ value: String(powerW), measurand: 'Power.Active.Import', unit: 'W' });
  return { timestamp: at.toISOString(), sampledValue };
}
