// A batch of MQTT messages into the database: per tenant, one transaction through ingestReadings,
// the same rules as the HTTP paths (repeats change nothing, conflicts are refused, a register
// running backwards is flagged). MQTT has no answer to send, so what is refused is logged.
// ingestReadings refuses a whole batch for one reading it cannot take (an unknown meter, a time
// in the future, a value out of range); such a reading is set aside with those that must fail the
// same way, and the rest is tried again, so one meter's mistake never holds back the others.
import { groupBy } from '../../collections.ts';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { Clock } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import { ingestReadings, type IncomingReading, type IngestReport } from './metering.ingest.ts';
import type { MeterMessage } from './metering.mqtt.messages.ts';

export interface Delivery extends MeterMessage {
  topic: string;
  /** Called once its readings are committed, or set aside for good: the broker may forget it. */
  settle(): void;
}

export interface Ingester {
  /**
   * Settles every delivery it is done with. Throws when the database fails (not a reading): the
   * deliveries of the tenants not yet committed stay unsettled, for the caller to try again.
   */
  ingest(batch: Delivery[]): Promise<void>;
}

interface Item { delivery: Delivery; index: number; reading: IncomingReading }

export function createIngester(deps: { db: Db; clock: Clock; log: Logger }): Ingester {
  const tenants = tenantDirectory(deps.db);
  const { log } = deps;

  const setAside = (item: Item, reason: string) => log.warn({ topic: item.delivery.topic, reading: item.index, at: item.reading.at.toISOString(),
    value: item.reading.value, reason }, 'meter reading set aside');

  const ingestTenant = async (tenantId: string, deliveries: Delivery[]) => {
    let items: Item[] = deliveries.flatMap((delivery) => delivery.readings.map((r, index) => ({ delivery, index, reading: { meter: delivery.serial, at: r.at, value: r.value, temperature: r.temperature } })));
    // One clock for every attempt: a reading refused as in the future stays refused.
    const now = deps.clock.now();
    while (items.length > 0) {
      let attempted: Item[] = [];
      try {
        const reports = await inTenant(deps.db, tenantId, async (tx) => {
          // Read in the batch's transaction rather than cached: the operator may change the country.
          const zone = await tenantTimeZone(tx, tenantId);
          const done: [Item[], IngestReport][] = [];
          for (const round of rounds(items)) {
            attempted = round;
            done.push([round, await ingestReadings(tx, tenantId, zone, round.map((i) => i.reading), now)]);
          }
          return done;
        });
        for (const [round, report] of reports) logReport(report, round);
        break;
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) throw error;
        const culprit = attempted[refusal.index]!;
        const alike = sameFate(refusal.field, culprit);
        for (const item of items.filter(alike)) setAside(item, refusal.message);
        items = items.filter((item) => !alike(item));
      }
    }
    for (const delivery of deliveries) delivery.settle();
  };

  /** `items`: the batch the report indexes into. */
  const logReport = (report: IngestReport, items: Item[]) => {
    for (const conflict of report.conflicts) {
      setAside(items[conflict.index]!, `Another value is stored for this time: ${conflict.stored}`);
    }
    for (const flagged of report.flagged) {
      const item = items[flagged.index]!;
      log.warn({ topic: item.delivery.topic, reading: item.index, at: item.reading.at.toISOString(), value: item.reading.value, reason: flagged.reason },
        'meter reading stored flagged: not counted');
    }
    log.debug({ readings: items.length, accepted: report.accepted, repeated: report.repeated }, 'meter readings ingested');
  };

  return {
    async ingest(batch) {
      const byCode = groupBy(batch, (d) => d.shortCode);
      const ids = await tenants.resolve([...byCode.keys()]);
      for (const [code, deliveries] of byCode) {
        const tenantId = ids.get(code);
        if (tenantId) continue;
        for (const delivery of deliveries) {
          log.warn({ topic: delivery.topic, reason: `No property manager with the short code ${code}` }, 'MQTT message set aside');
          delivery.settle();
        }
      }
      // One tenant after another: a batch is one worker's share of the pool, not all of it.
      for (const [code, deliveries] of byCode) {
        const tenantId = ids.get(code);
        if (tenantId) await ingestTenant(tenantId, deliveries);
      }
    },
  };
}

/**
 * The readings in rounds, the n-th message for a meter and time in the n-th: ingestReadings takes
 * a second value for a time new to it in the same batch for a repeat, whatever the value. Batching
 * put together messages the meter sent apart; each keeps the verdict it would get alone (the same
 * value again a repeat, another value a conflict). Nearly always one round.
 */
function rounds(items: Item[]): Item[][] {
  const seen = new Map<string, number>();
  const result: Item[][] = [];
  for (const item of items) {
    const key = `${item.reading.meter}|${item.reading.at.getTime()}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    (result[occurrence] ??= []).push(item);
  }
  return result;
}

/** Which reading ingestReadings refused, from the field its error names (`readings/3/at`). */
function refusalOf(error: unknown): { index: number; field: string; message: string } | null {
  if (!(error instanceof AppError) || error.code !== 'metering.invalid_reading') return null;
  const match = /^readings\/(\d+)\/(\w+)$/.exec(error.fields[0]?.field ?? '');
  return match ? { index: Number(match[1]), field: match[2]!, message: error.message } : null;
}

/**
 * What would be refused for the same reason as `culprit`, so that it costs one attempt and not
 * one each: every reading of an unknown meter, every reading at or after a time in the future.
 */
function sameFate(field: string, culprit: Item): (item: Item) => boolean {
  if (field === 'meter') return (item) => item.reading.meter === culprit.reading.meter;
  if (field === 'at') return (item) => item.reading.at.getTime() >= culprit.reading.at.getTime();
  return (item) => item === culprit;
}


/**
 * Tenant ids by short code, as topics name them. Short codes never change, so a tenant once found
 * is kept; a code not found is looked up again next time (the tenant may be created meanwhile).
 */
function tenantDirectory(db: Db) {
  const known = new Map<string, string>();
  return {
    async resolve(codes: string[]): Promise<Map<string, string>> {
      const missing = codes.filter((code) => !known.has(code));
      if (missing.length > 0) {
        const rows = await asPlatform(db, (tx) => tx.selectFrom('tenants').select(['id', 'short_code']).where('short_code', 'in', missing).execute());
        for (const row of rows) known.set(row.short_code, row.id);
      }
      return new Map(codes.flatMap((code) => { const id = known.get(code); return id ? [[code, id] as const] : []; }));
    },
  };
}
