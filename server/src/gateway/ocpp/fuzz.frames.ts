// Frames for the gateway's fuzz test (fuzz.test.ts), the same for the same seed: the OCPP 1.6 calls
// a device sends, broken (wrong types, fields missing or extra, strings past their limit, values
// outside their enum, dates no calendar has) or pushed to the edge of what the schemas let through
// (numbers past any database column, unicode, NUL, negative ids, years 0000 and 9999); our
// DataTransfer messages with mutated data; unknown actions; answers nobody asked for; duplicate
// message ids; and frames that are no OCPP message at all (not JSON, binary, empty, wrong shapes).
import { ocpp16Validator } from './validation.ts';
import { VENDOR_ID } from './vendor.ts';

export interface Frame {
  data: string | Buffer;
  binary: boolean;
  /** What the gateway reads: the data as UTF-8 text, whatever the frame type. */
  text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: tiny, and the same sequence for a seed on every machine. */
class Dice {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[this.int(items.length)]!; }
}

const BIG = [2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 63, 1e21, 1e300, -1e300];
const SMALL = [0, -1, -0, 0.5, 1.5, -7, 5e-324, 1e-300];
const STRINGS = [
  '', ' ', 'NaN', 'Infinity', '-Infinity', '1e309', '0x1F', 'null', 'undefined', 'true', '-1', '١٢٣', '１２３', 'Ωμέγα', '🧺🚿🔌', 'e\u0301',
  '\u0000', 'A\u0000B', '\ud800', '\udfff\ud800', '\u202eEVIL', '\ufeffBOM', "'; DROP TABLE devices; --", '%s%n%x', '${7*7}', '../../etc/passwd',
  '<script>alert(1)</script>', 'ABCDEFGHIJKLMNOPQRST', 'ABCDEFGHIJKLMNOPQRSTU', '🧺'.repeat(20), 'x'.repeat(4096),
];
/** Dates the date-time format lets through, at the edges of what a database stores. */
const EDGE_DATES = [
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2038-01-19T03:14:08Z', '2262-04-11T23:47:16Z',
  '9999-12-31T23:59:59.999Z', '2024-02-29T12:00:00+23:59', '2026-11-22T10:00:00.123456789Z', '2026-11-22T10:00:00-00:00', '2026-11-22t10:00:00z',
];
const BAD_DATES = ['99999-01-01T00:00:00Z', '+099999-01-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-11-22T10:00:60Z', '2026-11-22T24:00:00Z', '2026-11-22 10:00:00', '2026-11-22', 'yesterday', '1e12'];
/** Strings an idTag (at most 20 characters) may be. */
const SHORT_STRINGS = STRINGS.filter((s) => s.length > 0 && [...s].length <= 20);
const NUMERIC_TEXT = ['NaN', '1e309', '-5', '1e300', '0.0000001', '12,5', '', ' 7 ', '0x10', '9007199254740993', '-0', '1_000'];

const ACTIONS = ['BootNotification', 'Heartbeat', 'StatusNotification', 'Authorize', 'StartTransaction', 'StopTransaction', 'MeterValues', 'DataTransfer', 'FirmwareStatusNotification', 'DiagnosticsStatusNotification'] as const;
/** Actions a device has no business sending, or none OCPP defines. */
const STRANGE_ACTIONS = ['RemoteStartTransaction', 'Reset', 'GetConfiguration', 'FooBar', '', ' Heartbeat', 'heartbeat', 'constructor', '__proto__', 'toString', '🧺', 'x'.repeat(300), 'Heartbeat\u0000'];
const VENDOR_MESSAGES = ['GetBalance', 'GetTariff', 'Preselect', 'BalanceTransfer', 'CardTopUp'] as const;
const ERROR_CODES = ['NoError', 'GroundFailure', 'HighTemperature', 'OtherError', 'PowerMeterFailure', 'InternalError'];
const STATUSES = ['Available', 'Preparing', 'Charging', 'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable', 'Faulted'];
const MEASURANDS = ['Energy.Active.Import.Register', 'Power.Active.Import', 'Temperature', 'SoC', 'Voltage'];
const UNITS = ['Wh', 'kWh', 'W', 'kW', 'Celcius', 'Percent'];

type Kind = 'garbage' | 'unasked' | 'strange' | 'broken' | 'edge' | 'vendor' | 'valid' | 'duplicate';
/**
 * How often each kind comes. Only edge, vendor, valid and duplicate calls (and a few strange ones)
 * pass validation and reach a handler: about 6% of frames, as many as the throttle lets through.
 */
const KINDS: [Kind, number][] = [['garbage', 0.17], ['unasked', 0.08], ['strange', 0.05], ['broken', 0.645], ['edge', 0.025], ['vendor', 0.025], ['valid', 0.005], ['duplicate', 0.01]];

export class FrameMaker {
  private readonly dice: Dice;
  private sequence = 0;
  private readonly sent: string[] = [];
  private readonly starts: string[] = [];
  private readonly base = Date.UTC(2026, 10, 22, 10);

  /** `answerOf` gives the answers a message id got so far: a started transaction's id is used again. */
  constructor(seed: number, private readonly prefix: string, private readonly tags: string[], private readonly answerOf: (id: string) => unknown[][] | undefined) {
    this.dice = new Dice(seed);
  }

  next(): Frame {
    let roll = this.dice.next();
    const kind = KINDS.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'broken';
    const d = this.dice;
    switch (kind) {
      case 'garbage': return this.garbage();
      case 'unasked': return this.unasked();
      case 'strange': return this.call(d.pick(STRANGE_ACTIONS), d.chance(0.5) ? {} : this.weird());
      case 'vendor': return this.call('DataTransfer', this.vendor());
      case 'duplicate': return this.sent.length > 0 ? text(this.sent[this.sent.length - 1 - d.int(Math.min(50, this.sent.length))]!) : this.garbage();
      case 'valid': { const action = d.pick(ACTIONS); return this.call(action, this.template(action)); }
      case 'edge': { const action = d.pick(ACTIONS); return this.call(action, this.edge(this.template(action))); }
      case 'broken': { const action = d.pick(ACTIONS); return this.call(action, this.invalid(action)); }
    }
  }

  private id(): string {
    return `${this.prefix}.${++this.sequence}`;
  }

  private call(action: string, payload: Json): Frame {
    const d = this.dice;
    const id = this.id();
    if (action === 'StartTransaction') this.starts.push(id);
    const roll = d.next();
    let frame = roll < 0.03 ? JSON.stringify([2, id, action]) : roll < 0.06 ? JSON.stringify([2, id, action, payload, 'extra']) : JSON.stringify([2, id, action, payload]);
    if (d.chance(0.06)) frame = this.scribble(frame);
    this.sent.push(frame);
    if (this.sent.length > 200) this.sent.splice(0, 100);
    return d.chance(0.02) ? { data: Buffer.from(frame), binary: true, text: frame } : text(frame);
  }

  /** Text-level damage JSON.stringify would never produce. */
  private scribble(frame: string): string {
    const d = this.dice;
    switch (d.int(6)) {
      case 0: return frame.replace(/:(-?\d+)/, ':1e400'); // Infinity once parsed
      case 1: return frame.replace(/:(\d+)/, ':$1.0'); // an integer written as a float
      case 2: return frame.replace(/\{"/, '{"idTag":7,"connectorId":"1","'); // duplicate keys: the last one wins
      case 3: return frame.slice(0, d.int(frame.length));
      case 4: return frame.replace(/:"/, ':"\\u0000');
      default: return `${frame}${d.pick([' ', '\n', ']', ',', 'x'])}`;
    }
  }

  private garbage(): Frame {
    const d = this.dice;
    const id = this.id();
    const shapes: (() => Frame)[] = [
      () => text(d.pick(['not json', '{', '[2,', 'null', '42', '"[2]"', '{}', '[]', '[2]', 'true', '[2,"x",', '\u0000', '[NaN]', "[2,'a','Heartbeat',{}]"])),
      () => text(''),
      () => { const bytes = Buffer.from(Array.from({ length: 1 + d.int(64) }, () => d.int(256))); return { data: bytes, binary: true, text: bytes.toString('utf8') }; },
      () => json([2, id]),
      () => json([2, d.pick([42, null, true, ['x'], { id }]), 'Heartbeat', {}]),
      () => json([2, id, d.pick([42, null, ['Heartbeat'], { a: 1 }, true]), {}]),
      () => json([d.pick([0, 1, 5, -2, 2.5, 1e300, '2', true, null]), id, 'Heartbeat', {}]),
      () => json({ 0: 2, 1: id, 2: 'Heartbeat', 3: {} }),
      () => text(`${'['.repeat(2_000)}${']'.repeat(2_000)}`),
      () => json([2, id, 'Heartbeat', nest(d.int(500))]),
      () => json([2, id, 'DataTransfer', { vendorId: VENDOR_ID, messageId: 'GetBalance', data: 'x'.repeat(d.chance(0.01) ? 1_000_000 : 5_000) }]),
    ];
    return d.pick(shapes)();
  }

  /** CALLRESULTs and CALLERRORs for calls the gateway never made. */
  private unasked(): Frame {
    const d = this.dice;
    const id = this.id();
    return d.pick([
      () => json([3, id, {}]), () => json([3, id, { status: 'Accepted' }]), () => json([3, id]), () => json([3, id, this.weird()]),
      () => json([4, id, 'GenericError', 'no', {}]), () => json([4, id, 5]), () => json([4, id]), () => json([3, 42, {}]), () => json([4, null, 'X', '', {}]),
    ])();
  }

  private template(action: string): Json {
    const d = this.dice;
    switch (action) {
      case 'BootNotification': return { chargePointVendor: 'Fuzz', chargePointModel: 'F1', chargePointSerialNumber: `SN${d.int(1000)}`, firmwareVersion: '1.0' };
      case 'StatusNotification': return { connectorId: d.int(3), errorCode: d.pick(ERROR_CODES), status: d.pick(STATUSES), timestamp: this.at(), info: 'fuzz' };
      case 'Authorize': return { idTag: this.tag() };
      case 'StartTransaction': return { connectorId: 1 + d.int(2), idTag: this.tag(), meterStart: d.int(100_000), timestamp: this.at() };
      case 'StopTransaction': return { transactionId: this.transactionId(), meterStop: d.int(200_000), timestamp: this.at(), reason: 'Local', ...(d.chance(0.3) ? { idTag: this.tag(), transactionData: [this.reading()] } : {}) };
      case 'MeterValues': return { connectorId: 1 + d.int(2), transactionId: this.transactionId(), meterValue: [this.reading(), this.reading()] };
      case 'DataTransfer': return this.vendor();
      case 'FirmwareStatusNotification': return { status: d.pick(['Downloaded', 'Idle', 'Installed', 'InstallationFailed']) };
      case 'DiagnosticsStatusNotification': return { status: d.pick(['Idle', 'Uploaded', 'Uploading']) };
      default: return {};
    }
  }

  private vendor(): Json {
    const d = this.dice;
    const messageId = d.chance(0.92) ? d.pick(VENDOR_MESSAGES) : d.pick(['getbalance', 'GETBALANCE', 'Preselect ', '', 'Unknown', 'x'.repeat(50), '🧺']);
    const vendorId = d.chance(0.94) ? VENDOR_ID : d.pick(['ORG.CONCIERGE', `${VENDOR_ID} `, 'com.other', '', 'x'.repeat(255)]);
    const request = this.vendorRequest(messageId);
    const roll = d.next();
    const data = roll < 0.5 ? JSON.stringify(request) : roll < 0.8 ? JSON.stringify(this.edge(request)) : roll < 0.9 ? JSON.stringify(this.broken(request))
      : d.pick(['{', 'null', '[]', '"text"', '1e400', 'NaN', '', '{"__proto__":{"idTag":"x"}}', `${'['.repeat(1_000)}`]);
    return d.chance(0.03) ? { vendorId, messageId } : { vendorId, messageId, data };
  }

  private vendorRequest(messageId: string): Json {
    const d = this.dice;
    switch (messageId) {
      case 'GetBalance': return { idTag: this.tag() };
      case 'GetTariff': return { connectorId: 1 + d.int(8) };
      case 'Preselect': return { connectorId: 1 + d.int(2), idTag: this.tag(), quantity: d.pick([0.5, 1, 2, 30, 60]), unit: d.pick(['kWh', 'min', 'impulse']) };
      case 'BalanceTransfer': return { transferId: this.uuid(), fromIdTag: this.tag(), toIdTag: this.tag(), amount: d.pick([1, 50, 500, 5_000]) };
      case 'CardTopUp': return { paymentId: `P${this.sequence}`, idTag: this.tag(), amount: d.pick([1, 100, 2_000]), currency: d.pick(['EUR', 'EUR', 'CHF']) };
      default: return { idTag: this.tag() };
    }
  }

  /** One or two values pushed to the edge of what the schema lets through. */
  private edge(value: Json): Json {
    const copy = structuredClone(value);
    for (let i = 1 + this.dice.int(2); i > 0; i--) {
      const path = this.pathIn(copy);
      if (path) setAt(copy, path, this.edgeFor(path[path.length - 1]!));
    }
    return copy;
  }

  private edgeFor(key: string): Json {
    const d = this.dice;
    switch (key) {
      case 'connectorId': case 'transactionId': case 'meterStart': case 'meterStop': case 'reservationId': case 'amount':
        return d.pick([...BIG, 0, -1, -(2 ** 31), 99, 100, 10_000_000, 10_000_001]);
      case 'quantity': return d.pick([5e-324, 1e-300, 0.0001, 99_999.999999, 100_000, 0.1 + 0.2]);
      case 'timestamp': return d.pick(EDGE_DATES);
      case 'value': return d.pick(NUMERIC_TEXT);
      case 'transferId': return d.pick(['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', this.uuid().toUpperCase()]);
      default: return d.pick(SHORT_STRINGS);
    }
  }

  /** A payload of `action` its schema refuses. */
  private invalid(action: string): Json {
    for (let attempt = 0; attempt < 4; attempt++) {
      const payload = this.broken(this.template(action));
      if (!passes(action, payload)) return payload;
    }
    return 'not an object';
  }

  /** Breaks the payload: a value of the wrong type or beyond its limits, a field dropped or added, or no object at all. */
  private broken(value: Json): Json {
    const d = this.dice;
    let copy = structuredClone(value);
    for (let i = 1 + d.int(3); i > 0; i--) {
      const roll = d.next();
      const path = this.pathIn(copy);
      if (roll < 0.08 || !path) copy = this.weird();
      else if (roll < 0.6) setAt(copy, path, d.chance(0.3) ? d.pick(BAD_DATES) : this.weird());
      else if (roll < 0.8) removeAt(copy, path);
      else setAt(copy, [...path.slice(0, -1), d.pick(['extra', '__proto__', 'constructor', 'idtag', 'connectorID', ''])], this.weird());
    }
    return copy;
  }

  private weird(): Json {
    const d = this.dice;
    switch (d.int(9)) {
      case 0: return d.pick(BIG);
      case 1: return d.pick(SMALL);
      case 2: case 3: return d.pick(STRINGS);
      case 4: return d.pick([null, true, false]);
      case 5: return d.pick<Json>([[], {}, [1, 'a', null], { a: { b: { c: [] } } }]);
      case 6: return nest(10 + d.int(90));
      case 7: return 'x'.repeat(d.pick([21, 26, 51, 256, 1_000]));
      default: return d.pick([...EDGE_DATES, ...BAD_DATES]);
    }
  }

  private pathIn(value: Json): string[] | null {
    const paths: string[][] = [];
    const walk = (node: Json, path: string[]) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node)) {
        paths.push([...path, key]);
        walk(child, [...path, key]);
      }
    };
    walk(value, []);
    return paths.length ? this.dice.pick(paths) : null;
  }

  private tag(): string {
    return this.dice.chance(0.85) ? this.dice.pick(this.tags) : this.dice.pick(SHORT_STRINGS);
  }

  /** A transaction the gateway handed out to this device, now and then, else any number. */
  private transactionId(): number {
    const d = this.dice;
    if (this.starts.length > 0 && d.chance(0.7)) {
      const answer = this.answerOf(this.starts[this.starts.length - 1 - d.int(Math.min(20, this.starts.length))]!)?.[0];
      const id = (answer?.[2] as { transactionId?: number } | undefined)?.transactionId;
      if (typeof id === 'number') return id;
    }
    return d.pick([1, 2, 999_999, 0, -1]);
  }

  private reading(): Json {
    const d = this.dice;
    return { timestamp: this.at(), sampledValue: [{ value: String(d.int(100_000)), measurand: d.pick(MEASURANDS), unit: d.pick(UNITS), ...(d.chance(0.2) ? { phase: 'L1' } : {}) }] };
  }

  private at(): string {
    return new Date(this.base + this.sequence * 1_000).toISOString();
  }

  private uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.dice.int(16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

function passes(action: string, payload: Json): boolean {
  try {
    return ocpp16Validator.validate(`urn:${action}.req`, payload) === true;
  } catch {
    return false;
  }
}

export const textFrame = (data: string): Frame => ({ data, binary: false, text: data });
const text = textFrame;
const json = (value: unknown): Frame => text(JSON.stringify(value));

function nest(depth: number): Json {
  let value: Json = 'core';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { n: value };
  return value;
}

function setAt(root: Json, path: string[], value: Json): void {
  let node = root as Record<string, Json>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string, Json>;
  Object.defineProperty(node, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}

function removeAt(root: Json, path: string[]): void {
  let node = root as Record<string, Json>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string, Json>;
  const last = path[path.length - 1]!;
  if (Array.isArray(node) && /^\d+$/.test(last)) {
    // No splice: an own "constructor" key put there by setAt breaks it.
    for (let i = Number(last); i < node.length - 1; i++) node[i] = node[i + 1];
    node.length -= 1;
  } else delete node[last];
}

export type ReplyExpected =
  | { kind: 'call'; id: string; action: string; payload: unknown }
  /** A CALL whose action cannot be read: one CALLERROR under its id. */
  | { kind: 'refusal'; id: string }
  /** No message id to answer under: one CALLERROR under "-1". */
  | { kind: 'anonymous' }
  /** An empty frame, or a CALLRESULT/CALLERROR: nobody answers. */
  | { kind: 'none'; id?: string };

/** What OCPP-J framing owes a frame, read as the gateway reads it. */
export function replyExpected(frame: string): ReplyExpected {
  if (frame.length === 0) return { kind: 'none' };
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return { kind: 'anonymous' };
  }
  if (!Array.isArray(message) || ![2, 3, 4].includes(message[0])) return { kind: 'anonymous' };
  const [type, id, action, payload] = message as [number, unknown, unknown, unknown];
  if (type !== 2) return typeof id === 'string' ? { kind: 'none', id } : { kind: 'none' };
  if (typeof id !== 'string') return { kind: 'anonymous' };
  return typeof action === 'string' ? { kind: 'call', id, action, payload } : { kind: 'refusal', id };
}
