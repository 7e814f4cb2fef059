// What this process knows about tags, so that a tap is answered by a Map lookup. Two maps:
//   tags     `tenantId:idTag` → the credential's facts (or that the tag is unknown here); correct
//            until a NOTIFY on channel `credentials` says otherwise (authorization.listener.ts);
//   balances `tenantId:personId` → the wallet's spendable balance and debt; kept for a short TTL
//            only, because money moves without a notification. That is safe: the balance here is
//            for the display and the debt check; what a session may spend is decided by the
//            ledger hold placed when it starts, which refuses what the wallet does not hold.
// While the listener is not connected the cache is not trusted: every check reads the database
// and nothing is stored, so a change made during an outage cannot be missed.
import type { Currency } from '../../db/schema.ts';
import type { Purpose, RefusalReason } from './authorization.types.ts';

export interface KnownTag {
  known: true;
  credentialId: string;
  personId: string;
  /** What the credential's life cycle or origin refuses, whatever the time or balance; null when active. */
  refusal: RefusalReason | null;
  validUntilMs: number | null;
  currency: Currency;
  staleAtMs: number;
}

export interface UnknownTag {
  known: false;
  /** Whether a tap for this purpose registers the tag (tenant setting, stock, operating mode). */
  autoRegister: Record<Purpose, boolean>;
  staleAtMs: number;
}

export type TagEntry = KnownTag | UnknownTag;

export interface Balance {
  walletId: string | null;
  availableMinor: number;
  inDebt: boolean;
  staleAtMs: number;
}

export interface CacheOptions {
  /** How long a balance is used before it is read again. */
  balanceTtlMs: number;
  /** A safety net for what changes without a notification (operating mode, settings, stock). */
  knownTtlMs: number;
  unknownTtlMs: number;
  /** Per map; the oldest entry goes first (a flood of random tags cannot grow memory without bound). */
  maxEntries: number;
}

export const DEFAULT_CACHE_OPTIONS: CacheOptions = { balanceTtlMs: 2_000, knownTtlMs: 10 * 60_000, unknownTtlMs: 30_000, maxEntries: 200_000 };

/** A database read in flight; `stale` once an invalidation came after it started, so its result is not kept. */
interface Load<T> { promise: Promise<T>; stale: boolean }

export class CredentialCache {
  readonly options: CacheOptions;
  private readonly tags = new Map<string, TagEntry>();
  private readonly balances = new Map<string, Balance>();
  private readonly tagLoads = new Map<string, Load<{ tag: TagEntry; balance: Balance | null }>>();
  private readonly balanceLoads = new Map<string, Load<Balance>>();
  private readonly watchers = new Set<(key: string | null) => void>();
  private trusted = false;

  constructor(options: Partial<CacheOptions> = {}) {
    this.options = { ...DEFAULT_CACHE_OPTIONS, ...options };
  }

  /** True while invalidations arrive, i.e. while answers may come from memory. */
  get listening(): boolean {
    return this.trusted;
  }

  get size(): { tags: number; balances: number } {
    return { tags: this.tags.size, balances: this.balances.size };
  }

  tag(key: string, nowMs: number): TagEntry | undefined {
    const entry = this.tags.get(key);
    return entry !== undefined && entry.staleAtMs > nowMs ? entry : undefined;
  }

  balance(key: string, nowMs: number): Balance | undefined {
    const entry = this.balances.get(key);
    return entry !== undefined && entry.staleAtMs > nowMs ? entry : undefined;
  }

  /** Reads a tag once for all concurrent callers and keeps the result unless it was invalidated meanwhile. */
  loadTag(key: string, balanceKey: (tag: TagEntry) => string | null, read: () => Promise<{ tag: TagEntry; balance: Balance | null }>) {
    return this.load(this.tagLoads, key, read, (value) => {
      this.put(this.tags, key, value.tag);
      const bkey = value.balance ? balanceKey(value.tag) : null;
      if (bkey) this.put(this.balances, bkey, value.balance!);
    });
  }

  loadBalance(key: string, read: () => Promise<Balance>) {
    return this.load(this.balanceLoads, key, read, (value) => this.put(this.balances, key, value));
  }

  /** A payload of channel `credentials`: `tenantId:idTag`, `tenantId:*` (the whole tenant) or `*` (everything). */
  onNotification(payload: string): void {
    if (payload === '*') return this.clear();
    const colon = payload.indexOf(':');
    if (colon < 0) return;
    if (payload.slice(colon + 1) === '*') this.invalidateTenant(payload.slice(0, colon));
    else this.invalidate(payload);
  }

  invalidate(key: string): void {
    this.tags.delete(key);
    this.forget(this.tagLoads, key);
    this.notifyWatchers(key);
  }

  invalidateTenant(tenantId: string): void {
    const prefix = `${tenantId}:`;
    for (const map of [this.tags, this.balances]) for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
    for (const loads of [this.tagLoads, this.balanceLoads] as Map<string, Load<unknown>>[]) {
      for (const key of loads.keys()) if (key.startsWith(prefix)) this.forget(loads, key);
    }
    this.notifyWatchers(prefix + '*');
  }

  clear(): void {
    this.tags.clear();
    this.balances.clear();
    for (const loads of [this.tagLoads, this.balanceLoads] as Map<string, Load<unknown>>[]) for (const key of [...loads.keys()]) this.forget(loads, key);
    this.notifyWatchers(null);
  }

  /** The listener lost its connection: notifications may be missed from now on. */
  suspend(): void {
    this.trusted = false;
    this.clear();
  }

  /** The listener is (back) on: what was cached before may have changed unannounced. */
  resume(): void {
    this.clear();
    this.trusted = true;
  }

  /** Called with the key of each invalidation (null: everything). For tests and metrics; returns the unsubscribe. */
  onInvalidate(watcher: (key: string | null) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private load<T>(loads: Map<string, Load<T>>, key: string, read: () => Promise<T>, keep: (value: T) => void): Promise<T> {
    const running = loads.get(key);
    if (running) return running.promise;
    const load: Load<T> = { stale: !this.trusted, promise: Promise.resolve() as Promise<never> };
    load.promise = (async () => {
      try {
        const value = await read();
        if (!load.stale && this.trusted) keep(value);
        return value;
      } finally {
        if (loads.get(key) === load) loads.delete(key);
      }
    })();
    loads.set(key, load);
    return load.promise;
  }

  private forget(loads: Map<string, Load<unknown>>, key: string): void {
    const load = loads.get(key);
    if (load) {
      load.stale = true;
      loads.delete(key);
    }
  }

  private put<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    if (map.size >= this.options.maxEntries) map.delete(map.keys().next().value!);
    map.set(key, value);
  }

  private notifyWatchers(key: string | null): void {
    for (const watcher of this.watchers) watcher(key);
  }
}
