// Batches of MQTT messages: after a short wait or when full, one at a time, never unbounded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatches } from './metering.mqtt.batches.ts';

describe('MQTT reading batches', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  const setup = () => {
    const sent: number[][] = [];
    let finish: (() => void)[] = [];
    const batches = createBatches<number>({
      lingerMs: 200, maxSize: 10, size: (n) => n,
      send: (batch) => { sent.push(batch); return new Promise((resolve) => { finish.push(resolve); }); },
    });
    const finishAll = async () => { const now = finish; finish = []; now.forEach((f) => f()); await vi.advanceTimersByTimeAsync(0); };
    return { batches, sent, finishAll };
  };

  it('sends what came within the wait as one batch', async () => {
    const { batches, sent } = setup();
    await batches.add(1);
    await vi.advanceTimersByTimeAsync(150);
    await batches.add(2);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(sent).toEqual([[1, 2]]);
  });

  it('sends a full batch at once, one batch at a time, and holds the caller back while a full one waits', async () => {
    const { batches, sent, finishAll } = setup();
    await batches.add(4);
    await batches.add(6); // full
    expect(sent).toEqual([[4, 6]]);
    await batches.add(3);
    let room = false;
    void batches.add(7).then(() => { room = true; }); // full again, but the first is still being written
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([[4, 6]]);
    expect(room).toBe(false);
    await finishAll();
    expect(sent).toEqual([[4, 6], [3, 7]]);
    expect(room).toBe(true);
  });

  it('drains what is collected and waits for it', async () => {
    const { batches, sent, finishAll } = setup();
    await batches.add(1);
    let drained = false;
    void batches.drain().then(() => { drained = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([[1]]);
    expect(drained).toBe(false);
    await finishAll();
    expect(drained).toBe(true);
  });
});
