// What a meter may publish, checked before anything reaches the database.
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, MAX_READINGS_PER_MESSAGE, parseMeterMessage } from './metering.mqtt.messages.ts';

const parse = (topic: string, payload: unknown) =>
  parseMeterMessage('concierge', topic, Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)));
const TOPIC = 'concierge/heimbau/meters/WMZ-0001/readings';

describe('MQTT readings messages', () => {
  it('reads one reading or a list of them, naming the tenant and the meter by the topic', () => {
    expect(parse(TOPIC, { at: '2026-11-10T01:00:00Z', value: 1002.5 })).toEqual({
      ok: true, message: { shortCode: 'heimbau', serial: 'WMZ-0001', readings: [{ at: new Date('2026-11-10T01:00:00Z'), value: 1002.5, temperature: null }] },
    });
    // A heat meter may tell its flow temperature with the reading.
    expect(parse(TOPIC, { at: '2026-11-10T01:00:00Z', value: 1002.5, temperature: 61.5 })).toMatchObject({ ok: true, message: { readings: [{ temperature: 61.5 }] } });
    const backlog = parse('concierge/HeimBau/meters/WMZ-0001/readings', [{ at: '2026-11-10T01:00:00+01:00', value: 1 }, { at: '2026-11-10T02:00:00Z', value: 2 }]);
    expect(backlog).toMatchObject({ ok: true, message: { shortCode: 'heimbau', readings: [{ at: new Date('2026-11-10T00:00:00Z') }, { value: 2 }] } });
  });

  const reading = { at: '2026-11-10T01:00:00Z', value: 1 };
  it.each([
    ['another topic under the root', 'concierge/heimbau/meters/WMZ-0001/other', reading, /not <root>/],
    ['a topic outside the root', 'other/heimbau/meters/WMZ-0001/readings', reading, /not under/],
    ['a serial number too long', `concierge/heimbau/meters/${'X'.repeat(65)}/readings`, reading, /serial/],
    ['text', TOPIC, 'not json', /not JSON/],
    ['a time without its offset (which clock?)', TOPIC, { at: '2026-11-10T01:00:00', value: 1 }, /date-time/],
    ['a value as text', TOPIC, { ...reading, value: '1' }, /number/],
    ['a temperature out of range', TOPIC, { ...reading, temperature: 300 }, /temperature must be <= 250/],
    ['a field more', TOPIC, { ...reading, meter: 'X' }, /additional/],
    ['an empty list', TOPIC, [], /fewer than 1/],
    ['a list too long', TOPIC, Array.from({ length: MAX_READINGS_PER_MESSAGE + 1 }, () => reading), /more than/],
    ['a bad reading in a list', TOPIC, [reading, { at: 'now', value: 1 }], /\/1\/at/],
    ['a leap second', TOPIC, { at: '2016-12-31T23:59:60Z', value: 1 }, /cannot be read/],
    ['a payload too large', TOPIC, ' '.repeat(MAX_PAYLOAD_BYTES + 1), /larger than/],
  ])('refuses %s', (_, topic, payload, problem) => {
    const parsed = parse(topic, payload);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});
