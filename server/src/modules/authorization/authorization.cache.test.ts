// The cache's own rules, without a database: a read overtaken by an invalidation is not kept,
// concurrent readers share one read, nothing is kept while nobody listens, memory is bounded.
import { describe, expect, it } from 'vitest';
import { CredentialCache, type TagEntry } from './authorization.cache.ts';

const known = (credentialId: string): TagEntry => ({
  known: true, credentialId, personId: 'p', refusal: null, validUntilMs: null, currency: 'EUR', staleAtMs: Number.MAX_SAFE_INTEGER,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

function listeningCache(options = {}) {
  const cache = new CredentialCache(options);
  cache.resume();
  return cache;
}

const load = (cache: CredentialCache, key: string, read: () => Promise<TagEntry>) =>
  cache.loadTag(key, () => null, async () => ({ tag: await read(), balance: null }));

describe('credential cache', () => {
  it('does not keep a read that an invalidation overtook, and reads afresh after it', async () => {
    const cache = listeningCache();
    const before = deferred<TagEntry>();
    const first = load(cache, 't:A', () => before.promise);
    cache.onNotification('t:A'); // the report commits while the read is under way
    let reads = 0;
    const second = load(cache, 't:A', async () => { reads++; return known('after'); });
    before.resolve(known('before'));
    expect((await first).tag).toMatchObject({ credentialId: 'before' }); // its own caller gets it: it asked before the change
    expect((await second).tag).toMatchObject({ credentialId: 'after' });
    expect(reads).toBe(1);
    expect(cache.tag('t:A', 0)).toMatchObject({ credentialId: 'after' });
  });

  it('lets concurrent checks of one tag share one read', async () => {
    const cache = listeningCache();
    let reads = 0;
    const gate = deferred<void>();
    const read = async () => { reads++; await gate.promise; return known('x'); };
    const all = Promise.all([load(cache, 't:B', read), load(cache, 't:B', read), load(cache, 't:B', read)]);
    gate.resolve();
    await all;
    expect(reads).toBe(1);
  });

  it('keeps nothing while it does not hear of changes, and forgets everything when it hears again', async () => {
    const cache = new CredentialCache();
    await load(cache, 't:C', async () => known('c'));
    expect(cache.tag('t:C', 0)).toBeUndefined();
    cache.resume();
    await load(cache, 't:C', async () => known('c'));
    expect(cache.tag('t:C', 0)).toBeDefined();
    const reading = deferred<TagEntry>();
    const during = load(cache, 't:D', () => reading.promise);
    cache.suspend();
    cache.resume();
    reading.resolve(known('d'));
    await during;
    expect(cache.size).toEqual({ tags: 0, balances: 0 });
  });

  it('drops one tag, one tenant or everything, as the notification says', async () => {
    const cache = listeningCache();
    for (const key of ['t1:A', 't1:B', 't2:A']) await load(cache, key, async () => known(key));
    cache.onNotification('t1:A');
    expect([cache.tag('t1:A', 0), cache.tag('t1:B', 0), cache.tag('t2:A', 0)].map(Boolean)).toEqual([false, true, true]);
    cache.onNotification('t1:*');
    expect([cache.tag('t1:B', 0), cache.tag('t2:A', 0)].map(Boolean)).toEqual([false, true]);
    cache.onNotification('*');
    expect(cache.size.tags).toBe(0);
  });

  it('holds at most maxEntries, dropping the oldest first', async () => {
    const cache = listeningCache({ maxEntries: 3 });
    for (const key of ['t:1', 't:2', 't:3', 't:4']) await load(cache, key, async () => known(key));
    expect(cache.size.tags).toBe(3);
    expect(cache.tag('t:1', 0)).toBeUndefined();
    expect(cache.tag('t:4', 0)).toBeDefined();
  });
});
