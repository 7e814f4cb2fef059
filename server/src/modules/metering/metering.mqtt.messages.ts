// What a meter publishes by MQTT: one topic per meter, `<root>/<tenant short code>/meters/<serial>/readings`,
// and as payload one reading `{"at": "2026-11-10T01:00:00Z", "value": 1002.5}` or an array of them
// (a backlog after a time offline). docs/protocol.md specifies it. Checked here, message by message,
// before anything reaches the database: one bad message must not cost the others of its batch.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Type } from 'typebox';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The topic root in production; tests use one of their own so parallel runs do not meet. */
export const DEFAULT_TOPIC_ROOT = 'concierge';

/** A month of 15-minute values fits in one message; a longer backlog comes in several. */
export const MAX_READINGS_PER_MESSAGE = 5_000;

/** Larger than any payload of MAX_READINGS_PER_MESSAGE readings; checked before parsing. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

const Reading = Type.Object({
  at: Type.String({ format: 'date-time' }),
  value: Type.Number(),
  /** °C measured with the reading, optional. */
  temperature: Type.Optional(Type.Number({ minimum: -100, maximum: 250 })),
}, { additionalProperties: false });

const Readings = Type.Array(Reading, { minItems: 1, maxItems: MAX_READINGS_PER_MESSAGE });

// Strict like the HTTP bodies (http/validation.ts): no coercion, a time needs its offset. One
// validator per shape, so a bad list is told what is wrong with it rather than "must be object".
const ajv = new Ajv({ allErrors: false, coerceTypes: false, strict: false });
addFormats(ajv);
type Payload = { at: string; value: number; temperature?: number };
const validReading = ajv.compile<Payload>(Reading);
const validReadings = ajv.compile<Payload[]>(Readings);

/** The filter the subscriber subscribes with: every tenant, every meter. */
export const readingsFilter = (root: string) => `${root}/+/meters/+/readings`;

export interface MeterMessage {
  /** As the topic names it, in lower case (short codes are). */
  shortCode: string;
  serial: string;
  readings: { at: Date; value: number; temperature: number | null }[];
}

export type Parsed = { ok: true; message: MeterMessage } | { ok: false; problem: string };

const refused = (problem: string): Parsed => ({ ok: false, problem });

/** A serial number as a meter is created with (metering.schemas.ts MeterInput). */
const SERIAL = /^\S{1,64}$/;

export function parseMeterMessage(root: string, topic: string, payload: Buffer): Parsed {
  if (!topic.startsWith(`${root}/`)) return refused('The topic is not under the readings root');
  const levels = topic.slice(root.length + 1).split('/');
  if (levels.length !== 4 || levels[1] !== 'meters' || levels[3] !== 'readings') return refused('The topic is not <root>/<tenant>/meters/<serial>/readings');
  const [shortCode, , serial] = levels as [string, string, string, string];
  if (!shortCode) return refused('The topic names no tenant');
  if (!SERIAL.test(serial)) return refused('The topic\'s serial number is empty, too long or has spaces');

  if (payload.length > MAX_PAYLOAD_BYTES) return refused(`The payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return refused('The payload is not JSON');
  }
  const validate = Array.isArray(body) ? validReadings : validReading;
  if (!validate(body)) {
    const error = validate.errors?.[0];
    return refused(`The payload is not a reading or a list of readings: ${error ? `${error.instancePath || '/'} ${error.message}` : 'invalid'}`);
  }
  const readings = (Array.isArray(body) ? body : [body]).map((r) => ({ at: new Date(r.at), value: r.value, temperature: r.temperature ?? null }));
  // The format lets a leap second (23:59:60) through, which no Date can hold.
  const unreadable = readings.findIndex((r) => Number.isNaN(r.at.getTime()));
  if (unreadable >= 0) return refused(`The time of reading ${unreadable} cannot be read`);
  return { ok: true, message: { shortCode: shortCode.toLowerCase(), serial, readings } };
}
