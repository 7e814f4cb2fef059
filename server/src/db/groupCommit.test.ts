// Group commit: every item is sent once, in order per key, in batches no larger than allowed,
// with no more batches on their way at once than allowed.
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './groupCommit.ts';

describe('group commit', () => {
  it('sends what arrives together in batches, never more in flight than allowed, each item once and in order', async () => {
    const sent: { key: string; batch: number[] }[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const group = createGroupCommit<number>({
      maxBatch: 10, maxInFlight: 2,
      async send(key, batch) {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        sent.push({ key, batch });
        inFlight--;
      },
    });
    for (let i = 0; i < 45; i++) group.add(i % 3 === 0 ? 'a' : 'b', i);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A late item goes in a batch of its own once the others are through.
    group.add('a', 100);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(mostInFlight).toBe(2);
    expect(sent.every(({ batch }) => batch.length <= 10)).toBe(true);
    const of = (key: string) => sent.filter((s) => s.key === key).flatMap((s) => s.batch);
    expect(of('a')).toEqual([...Array.from({ length: 15 }, (_, i) => i * 3), 100]);
    expect(of('b')).toEqual(Array.from({ length: 45 }, (_, i) => i).filter((i) => i % 3 !== 0));
    expect(sent.length).toBe(2 + 3 + 1); // a: 15 items in 2 batches; b: 30 in 3; the late one
  });
});
