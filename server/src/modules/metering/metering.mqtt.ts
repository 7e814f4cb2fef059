// Readings by MQTT (issue 7): the worker subscribes to every meter's topic at the broker of
// MQTT_URL and ingests what meters publish in batches (metering.mqtt.batches.ts), per tenant
// through ingestReadings (metering.mqtt.ingest.ts). docs/protocol.md specifies topic and payload.
//
// Delivery is at least once, end to end. We subscribe with QoS 1 in a persistent session (a
// stable client id per node, clean start off, a session that outlives a restart) and acknowledge
// a message (PUBACK) only once its readings are committed, or set aside for good (a payload that
// cannot be read, a tenant or meter that does not exist, a reading refused). On a crash, or while
// the database fails, whatever was received but not committed stays unacknowledged: the broker
// keeps it in our session and sends it again when we connect next, and any part of it that was
// committed after all comes again as repeats, which change nothing. Messages published while no
// subscriber is connected wait in the session, within the broker's limits (Mosquitto keeps 1,000
// per session unless `max_queued_messages` says otherwise).
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../deps.ts';
import { createBatches } from './metering.mqtt.batches.ts';
import { createIngester, type Delivery } from './metering.mqtt.ingest.ts';
import { DEFAULT_TOPIC_ROOT, parseMeterMessage, readingsFilter } from './metering.mqtt.messages.ts';

export interface MqttReadingsOptions {
  /** MQTT_URL: `mqtt://user:password@host:1883`; `?clientId=…` chooses the client id. */
  url: string;
  /** Stable across restarts, or the session (and what waits in it) is lost. Default: per host. */
  clientId?: string;
  topicRoot?: string;
  lingerMs?: number;
  /** Readings per batch. */
  maxBatch?: number;
  /** How long the broker keeps the session while we are away. */
  sessionExpirySeconds?: number;
}

export interface MqttReadings {
  /** Resolves once subscribed for the first time (start() does not wait for the broker). */
  ready: Promise<void>;
  /** Writes what was received, acknowledges it and disconnects; what arrives meanwhile waits at the broker. */
  stop(): Promise<void>;
}

/** Long enough to ride out any outage of ours; a node gone for good does not collect messages forever. */
const SESSION_EXPIRY_S = 7 * 24 * 3600;
/**
 * Messages the broker may send before we acknowledge (MQTT 5 Receive Maximum): a full batch of
 * one-reading messages being written and the next one filling. Mosquitto allows MQTT 3.1.1
 * clients 20, which is why we speak MQTT 5.
 */
const RECEIVE_MAXIMUM = 10_000;
/** Handed to mqtt.js instead of acknowledging at once: it then sends no PUBACK (see receive). */
const LATER = new Error('acknowledged once committed');

export function startMqttReadings(deps: { db: Db; clock: Clock; log: Logger }, options: MqttReadingsOptions): MqttReadings {
  const log = deps.log.child({ component: 'mqtt-readings' });
  const root = options.topicRoot ?? DEFAULT_TOPIC_ROOT;
  const filter = readingsFilter(root);
  const ingester = createIngester({ ...deps, log });
  const stopping = new AbortController();

  const client: MqttClient = mqtt.connect(options.url, {
    clientId: options.clientId ?? `concierge-${hostname()}`,
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: options.sessionExpirySeconds ?? SESSION_EXPIRY_S, receiveMaximum: RECEIVE_MAXIMUM },
    // We subscribe on every connection ourselves (below); the session usually still has it.
    resubscribe: false,
    reconnectPeriod: 5_000,
  });

  let acks = new Acknowledgements(client);
  let brokerDown = false;
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => { subscribed = resolve; });

  client.on('connect', (connack) => {
    brokerDown = false;
    acks = new Acknowledgements(client);
    log.info({ sessionPresent: connack.sessionPresent }, 'connected to the MQTT broker');
    client.subscribe(filter, { qos: 1 }, (error, granted) => {
      const refused = error ?? (granted?.[0] && granted[0].qos > 2 ? new Error(`subscription refused (reason ${granted[0].qos})`) : null);
      if (refused) log.error({ err: refused, filter }, 'cannot subscribe to meter readings');
      else subscribed();
    });
  });
  // What was received on a connection is acknowledged on that connection or not at all: after
  // a reconnection the broker sends it again (and may give its packet id to another message).
  client.on('close', () => acks.close());
  // Once per outage: mqtt.js tries again every reconnectPeriod by itself.
  const down = (err?: Error) => {
    if (!brokerDown && !stopping.signal.aborted) log.warn({ err }, 'MQTT broker unreachable; trying again');
    brokerDown = true;
  };
  client.on('error', down);
  client.on('offline', () => down());

  const settled = new WeakSet<Delivery>();
  const send = async (batch: Delivery[]) => {
    for (let attempt = 0; ; attempt++) {
      const open = batch.filter((d) => !settled.has(d));
      if (open.length === 0) return;
      try {
        await ingester.ingest(open);
        return;
      } catch (err) {
        if (stopping.signal.aborted) {
          log.warn({ err, messages: open.length }, 'meter readings not written before stopping; the broker will send them again');
          return;
        }
        // The database, not a reading: the messages wait, unacknowledged, and are tried again.
        log.error({ err, messages: open.length, attempt }, 'meter readings not written; trying again');
        await sleep(Math.min(1_000 * 2 ** attempt, 30_000), undefined, { signal: stopping.signal }).catch(() => {});
      }
    }
  };
  const batches = createBatches<Delivery>({ lingerMs: options.lingerMs ?? 200, maxSize: options.maxBatch ?? 5_000, size: (d) => d.readings.length, send });

  // mqtt.js hands over one message at a time and acknowledges it when we call back without an
  // error. We call back at once, so that messages keep coming while a batch fills, but with an
  // error, which mqtt.js takes as "no PUBACK now"; Acknowledgements sends it after the commit.
  // Calling back later is how we hold the broker off while a full batch waits for its turn.
  client.handleMessage = (packet, callback) => {
    receive(packet).then(() => callback(LATER), (err) => {
      log.error({ err, topic: packet.topic }, 'MQTT message not handled; it comes again after a reconnection');
      callback(LATER);
    });
  };

  const receive = async (packet: IPublishPacket) => {
    // Stopping: leave it unacknowledged, to come again after the restart.
    if (stopping.signal.aborted) return;
    const acknowledge = acks.received(packet);
    const parsed = parseMeterMessage(root, packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
    if (!parsed.ok) {
      log.warn({ topic: packet.topic, reason: parsed.problem }, 'MQTT message set aside');
      acknowledge();
      return;
    }
    const delivery: Delivery = { ...parsed.message, topic: packet.topic, settle: () => { settled.add(delivery); acknowledge(); } };
    await batches.add(delivery);
  };

  return {
    ready,
    async stop() {
      stopping.abort();
      await batches.drain();
      // A DISCONNECT keeps the session (its expiry is not 0): what comes meanwhile waits there.
      await client.endAsync(!client.connected);
      log.info('MQTT readings stopped');
    },
  };
}

/**
 * PUBACKs in the order the messages came (MQTT 5, 4.6), each once its message is settled. One per
 * connection; a closed one sends nothing more.
 */
class Acknowledgements {
  private readonly queue: { messageId: number | undefined; settled: boolean }[] = [];
  private closed = false;

  constructor(private readonly client: MqttClient) {}

  /** Returns what settles the message; a QoS 0 message needs no PUBACK, but keeps its place. */
  received(packet: IPublishPacket): () => void {
    const entry = { messageId: packet.qos > 0 ? packet.messageId : undefined, settled: false };
    this.queue.push(entry);
    return () => {
      entry.settled = true;
      this.flush();
    };
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private flush(): void {
    while (!this.closed && this.queue[0]?.settled) {
      const { messageId } = this.queue.shift()!;
      // mqtt.js has no public call for a PUBACK of our own; this is what it sends itself.
      if (messageId !== undefined) this.client['_sendPacket']({ cmd: 'puback', messageId, reasonCode: 0 });
    }
  }
}
