// Readings by MQTT against a real broker (Mosquitto on 127.0.0.1:1883, or TEST_MQTT_URL): what
// arrives by MQTT is counted exactly as the same readings through ingestReadings, what cannot be
// taken is logged and skipped without costing the rest of its batch, and nothing is lost across a
// restart or a failed commit. Without a broker the file is skipped, unless REQUIRE_SERVICES=1.
// The pglite and postgres projects run this file at the same time on one broker: each run has a
// topic root and client ids of its own.
import { randomUUID } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/client.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { HOUR_MS } from './metering.consumption.ts';
import { ingestReadings, recomputeHours } from './metering.ingest.ts';
import { startMqttReadings, type MqttReadings } from './metering.mqtt.ts';
import * as repo from './metering.repository.ts';

const BROKER = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

function brokerReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connectTcp({ host: hostname, port: Number(port || 1883), timeout: 2_000 });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
  });
}

const available = await brokerReachable(BROKER);

it.runIf(!available && process.env.REQUIRE_SERVICES === '1')('needs the MQTT broker', () => {
  throw new Error(`REQUIRE_SERVICES=1 but no MQTT broker answers at ${BROKER}`);
});

describe.runIf(available)('readings by MQTT', () => {
  const run = randomUUID().slice(0, 8);
  const root = `concierge-test-${run}`;
  const clientId = `concierge-test-${run}-worker`;
  const logged: { level: number; msg: string; topic?: string; reason?: string; at?: string; readings?: number; repeated?: number }[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => { logged.push(JSON.parse(line)); } });
  let ctx: TestContext;
  let tenantId: string;
  let siteId: string;
  let publisher: MqttClient;
  let subscriber: MqttReadings | undefined;

  const start = async (db: Db = ctx.deps.db) => {
    subscriber = startMqttReadings({ db, clock: ctx.deps.clock, log }, { url: BROKER, clientId, topicRoot: root, sessionExpirySeconds: 600 });
    await subscriber.ready;
  };
  const stop = async () => { await subscriber?.stop(); subscriber = undefined; };

  beforeAll(async () => {
    ctx = await createTestContext();
    const site = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('sites').innerJoin('tenants', 'tenants.id', 'sites.tenant_id')
      .select(['sites.id', 'sites.tenant_id']).where('tenants.short_code', '=', 'heimbau').orderBy('sites.name').executeTakeFirstOrThrow());
    tenantId = site.tenant_id;
    siteId = site.id;
    publisher = await mqtt.connectAsync(BROKER, { clientId: `concierge-test-${run}-meters`, protocolVersion: 5 });
    await start();
  });
  afterAll(async () => {
    await stop();
    await publisher?.endAsync();
    // The persistent session would otherwise wait at the broker until it expires.
    await (await mqtt.connectAsync(BROKER, { clientId, protocolVersion: 5, clean: true })).endAsync();
    await ctx?.close();
  });

  const topic = (serial: string, tenant = 'heimbau') => `${root}/${tenant}/meters/${serial}/readings`;
  const publish = (t: string, payload: unknown) => publisher.publishAsync(t, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
  const addMeter = (serial: string) => inTenant(ctx.deps.db, tenantId, (tx) => repo.insertMeter(tx, tenantId, {
    siteId, unitId: null, name: serial, serial, medium: 'heat', unit: 'kWh', kind: 'register', intervalMinutes: null,
  }));
  const storedReadings = (meterId: string) => inTenant(ctx.deps.db, tenantId, (tx) => tx.selectFrom('meter_readings').select(['read_at', 'value', 'flagged'])
    .where('tenant_id', '=', tenantId).where('meter_id', '=', meterId).orderBy('read_at').execute())
    .then((rows) => rows.map((r) => ({ at: r.read_at.toISOString(), value: Number(r.value) / 1000, flagged: r.flagged })));
  const hoursOf = async (meterId: string) => (await inTenant(ctx.deps.db, tenantId, (tx) => repo.consumptionOf(tx, tenantId, meterId, 'hour', new Date(0), new Date())))
    .map((r) => ({ hour: r.starts_at.getTime(), consumption: Number(r.consumption), measuredS: r.measured_s, estimatedS: r.estimated_s }))
    .filter((r) => r.consumption !== 0 || r.measuredS !== 0 || r.estimatedS !== 0);
  const recomputed = async (meterId: string) => [...(await inTenant(ctx.deps.db, tenantId, (tx) => recomputeHours(tx, tenantId, meterId))).values()]
    .filter((r) => r.consumption !== 0 || r.measuredS !== 0 || r.estimatedS !== 0).sort((a, b) => a.hour - b.hour);
  const setAside = (match: { topic: string; reason?: RegExp; at?: string }) => logged.find((l) => l.level === 40 && l.topic === match.topic
    && (!match.reason || match.reason.test(l.reason ?? '')) && (!match.at || l.at === match.at));

  // Hourly readings of the last days, on the hour (never in the future).
  const base = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 10 * 24 * HOUR_MS;
  const t = (hour: number) => new Date(base + hour * HOUR_MS).toISOString();

  it('counts what comes by MQTT as ingestReadings does, and logs and skips what cannot be taken', async () => {
    const meter = await addMeter('MQ-1');
    const future = new Date(Date.now() + 24 * HOUR_MS).toISOString();
    await publish(topic('MQ-1'), { at: t(0), value: 100 }); // one reading
    await publish(topic('MQ-1'), [{ at: t(2), value: 104 }, { at: t(3), value: 105.5 }]); // a backlog
    await publish(topic('MQ-1'), { at: t(1), value: 101.25 }); // late: between stored ones
    await publish(topic('MQ-1'), { at: t(1), value: 101.25 }); // a repeat
    await publish(topic('MQ-1'), { at: t(1), value: 999 }); // a conflict: refused
    await publish(topic('MQ-1'), 'not json');
    await publish(topic('MQ-1'), { at: 'yesterday', value: 1 });
    await publish(topic('NO-SUCH-METER'), { at: t(0), value: 1 });
    await publish(topic('MQ-1', 'nobody'), { at: t(0), value: 1 });
    await publish(topic('MQ-1'), [{ at: t(5), value: 110 }, { at: t(4), value: 107 }]); // out of order
    await publish(topic('MQ-1'), [{ at: t(6), value: 111 }, { at: future, value: 200 }]); // one good, one in the future

    const accepted = [[0, 100], [1, 101.25], [2, 104], [3, 105.5], [4, 107], [5, 110], [6, 111]] as const;
    await vi.waitFor(async () => {
      expect(await storedReadings(meter.id)).toEqual(accepted.map(([hour, value]) => ({ at: t(hour), value, flagged: null })));
    }, { timeout: 15_000, interval: 100 });
    await vi.waitFor(() => {
      expect(setAside({ topic: topic('MQ-1'), reason: /Another value is stored/, at: t(1) })).toBeDefined();
      expect(setAside({ topic: topic('MQ-1'), reason: /not JSON/ })).toBeDefined();
      expect(setAside({ topic: topic('MQ-1'), reason: /not a reading/ })).toBeDefined();
      expect(setAside({ topic: topic('NO-SUCH-METER'), reason: /No meter with the serial number NO-SUCH-METER/ })).toBeDefined();
      expect(setAside({ topic: topic('MQ-1', 'nobody'), reason: /No property manager/ })).toBeDefined();
      expect(setAside({ topic: topic('MQ-1'), reason: /future/, at: future })).toBeDefined();
    }, { timeout: 5_000, interval: 100 });

    // The same readings straight through ingestReadings, in time order, give the same hours.
    const twin = await addMeter('MQ-1-TWIN');
    await inTenant(ctx.deps.db, tenantId, (tx) => ingestReadings(tx, tenantId, 'Europe/Vienna',
      accepted.map(([hour, value]) => ({ meter: twin.serial, at: new Date(t(hour)), value })), new Date()));
    const hours = await hoursOf(meter.id);
    expect(hours.length).toBe(6);
    expect(hours).toEqual(await hoursOf(twin.id));
    expect(hours).toEqual(await recomputed(meter.id));
  });

  it('receives after a restart what was published while it was stopped (persistent session)', async () => {
    const meter = await addMeter('MQ-2');
    await publish(topic('MQ-2'), { at: t(0), value: 10 });
    await vi.waitFor(async () => expect(await storedReadings(meter.id)).toHaveLength(1), { timeout: 15_000, interval: 100 });

    await stop();
    await publish(topic('MQ-2'), [{ at: t(1), value: 11 }, { at: t(2), value: 12.5 }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedReadings(meter.id)).toHaveLength(1);
    const restartedAt = logged.length;
    await start();
    await vi.waitFor(async () => expect((await storedReadings(meter.id)).map((r) => r.value)).toEqual([10, 11, 12.5]), { timeout: 15_000, interval: 100 });
    // Only what waited came: everything acknowledged before (this test's and the last one's) did not.
    const ingested = logged.slice(restartedAt).filter((l) => l.msg === 'meter readings ingested');
    expect(ingested.map((l) => [l.readings, l.repeated])).toEqual([[2, 0]]);
  });

  it('leaves a message it could not commit unacknowledged: the broker sends it again after a restart', async () => {
    const meter = await addMeter('MQ-3');
    // A database that fails every transaction: the subscriber keeps the message and tries again.
    let attempts = 0;
    const failing = { transaction: () => ({ execute: async () => { attempts += 1; throw new Error('database unavailable'); } }) } as unknown as Db;
    await stop();
    await start(failing);
    await publish(topic('MQ-3'), { at: t(0), value: 7 });
    await vi.waitFor(() => expect(attempts).toBeGreaterThan(0), { timeout: 15_000, interval: 50 });
    await stop(); // as a crash would: the message was never acknowledged

    await start();
    await vi.waitFor(async () => expect((await storedReadings(meter.id)).map((r) => r.value)).toEqual([7]), { timeout: 15_000, interval: 100 });
    expect(logged.some((l) => l.level === 50 && l.msg === 'meter readings not written; trying again')).toBe(true);
  });
});
