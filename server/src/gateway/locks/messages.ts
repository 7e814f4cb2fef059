// The lock protocol's frames (docs/protocol.md "Lock protocol"): what a lock may send, checked
// with TypeBox schemas before anything reaches the database, and what the server answers.
// A frame that fails is answered with an `error` frame; the connection stays open.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Type, type Static } from 'typebox';
import type { KeyMedium, LockEventKind } from '../../db/schema.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const MAX_EVENTS_PER_MESSAGE = 500;
/** 500 events with the longest details fit well below; checked by ws before a frame is buffered. */
export const MAX_FRAME_BYTES = 512 * 1024;

const Id = Type.String({ minLength: 1, maxLength: 64 });

const Sync = Type.Object({
  id: Id,
  type: Type.Literal('sync'),
  since: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });

const LockEvent = Type.Object({
  eventId: Type.String({ minLength: 1, maxLength: 64 }),
  at: Type.String({ format: 'date-time' }),
  kind: Type.Union([Type.Literal('opened'), Type.Literal('denied'), Type.Literal('battery_low'), Type.Literal('tamper'), Type.Literal('locked')]),
  key: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  detail: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

const Events = Type.Object({
  id: Id,
  type: Type.Literal('events'),
  events: Type.Array(LockEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_MESSAGE }),
}, { additionalProperties: false });

const Ping = Type.Object({
  id: Id,
  type: Type.Literal('ping'),
}, { additionalProperties: false });

export type SyncMessage = Static<typeof Sync>;
export type EventsMessage = Static<typeof Events>;
export type PingMessage = Static<typeof Ping>;
export type LockMessage = SyncMessage | EventsMessage | PingMessage;
export type IncomingEvent = Static<typeof LockEvent>;

const ajv = new Ajv({ allErrors: false, coerceTypes: false, strict: false });
addFormats(ajv);
const VALIDATORS = {
  sync: ajv.compile<SyncMessage>(Sync),
  events: ajv.compile<EventsMessage>(Events),
  ping: ajv.compile<PingMessage>(Ping),
} as const;

export type ErrorCode = 'protocol.bad_json' | 'protocol.unknown_type' | 'protocol.invalid';
export interface ErrorFrame { type: 'error'; id?: string; code: ErrorCode; field: string; message: string }

/** One entry of a whitelist as the lock stores it; absent fields mean "no limit". */
export interface WhitelistEntry {
  key: string;
  medium: KeyMedium;
  identifier?: string;
  pinHash?: string;
  validFrom?: string;
  validUntil?: string;
  weekdays: number;
  minutesFrom?: number;
  minutesUntil?: number;
}

export type ServerFrame =
  | { type: 'welcome'; time: string; timeZone: string; version: number }
  | { id: string; type: 'whitelist'; version: number; full: boolean; keys: WhitelistEntry[]; removed: string[] }
  | { id: string; type: 'ack'; ids: string[] }
  | { id: string; type: 'pong'; time: string }
  | { type: 'changed'; version: number }
  | ErrorFrame;

export type { KeyMedium, LockEventKind };

const failed = (code: ErrorCode, field: string, message: string, id?: string): { ok: false; error: ErrorFrame } =>
  ({ ok: false, error: { type: 'error', ...(id !== undefined && { id }), code, field, message } });

/** A text frame from a lock, read and checked; never throws. */
export function parseLockMessage(text: string): { ok: true; message: LockMessage } | { ok: false; error: ErrorFrame } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return failed('protocol.bad_json', '', 'The frame is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return failed('protocol.invalid', '', 'The frame is not a JSON object');
  const record = body as Record<string, unknown>;
  const id = typeof record.id === 'string' ? record.id : undefined;
  const type = record.type;
  if (typeof type !== 'string' || !(type in VALIDATORS)) {
    return failed('protocol.unknown_type', '/type', `Unknown message type ${JSON.stringify(type ?? null)}`, id);
  }
  const validate = VALIDATORS[type as keyof typeof VALIDATORS];
  if (!validate(body)) {
    const error = validate.errors?.[0];
    const field = error?.keyword === 'required' ? `${error.instancePath}/${String((error.params as { missingProperty?: string }).missingProperty)}`
      : error?.keyword === 'additionalProperties' ? `${error.instancePath}/${String((error.params as { additionalProperty?: string }).additionalProperty)}`
        : error?.instancePath ?? '';
    return failed('protocol.invalid', field, error?.message ?? 'invalid', id);
  }
  const message = body as LockMessage;
  // date-time lets a leap second (23:59:60) through, which no Date can hold.
  if (message.type === 'events') {
    const unreadable = message.events.findIndex((e) => Number.isNaN(new Date(e.at).getTime()));
    if (unreadable >= 0) return failed('protocol.invalid', `/events/${unreadable}/at`, 'The time cannot be read', id);
  }
  return { ok: true, message };
}
