// One connected device as the handlers see it: who it is, how to call it back, and the few
// settings worth keeping in memory for the life of the connection.
import type { RPCClient } from 'ocpp-rpc';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { announceStatus, type ConnectedDevice } from '../../modules/devices/devices.link.ts';
import type { MeterOutcome, MeterRecorder, Sample } from '../../modules/sessions/sessions.meter.ts';
import { chargingRules, type ChargingRules } from '../../modules/sessions/sessions.rules.ts';
import { syncLocalList, type ListCapacity } from './localList.ts';

/** Site settings change rarely; a connection re-reads them after this long. */
const RULES_TTL_MS = 60_000;

export class DeviceConnection {
  private rules: { value: ChargingRules; readAt: number } | null = null;
  /** What the device's local list can hold; undefined until asked, null when it keeps none. */
  listCapacity: ListCapacity | null | undefined;
  private listSync: Promise<void> = Promise.resolve();
  /** Set by the gateway: ends this connection (a newer one of the same device replaced it). */
  close: () => Promise<void> = async () => {};

  constructor(
    readonly device: ConnectedDevice,
    private readonly client: Pick<RPCClient, 'call'>,
    private readonly deps: Deps,
    /** The process's group commit for MeterValues, shared by every connection. */
    private readonly meters: MeterRecorder,
  ) {}

  /** Stores readings of one of this device's transactions (with the others arriving meanwhile). */
  recordMeterValues(transactionId: number | null, samples: Sample[], options: { ending?: boolean } = {}): Promise<MeterOutcome> {
    return this.meters.record({ device: this.device, transactionId, samples, ending: options.ending, rules: () => this.chargingRules() });
  }

  call(action: string, payload: object, options?: { callTimeoutMs?: number }): Promise<unknown> {
    return this.client.call(action, payload, options);
  }

  /** Runs work after the current answer went out; failures are logged, never thrown at the device. */
  later(work: () => Promise<unknown>): void {
    setImmediate(() => { work().catch((err) => this.deps.log.warn({ err, identity: this.device.identity }, 'follow-up to a device message failed')); });
  }

  announce(): Promise<void> {
    return announceStatus(this.deps, this.device.tenantId, this.device.deviceId);
  }

  /** After the Accepted answer has gone out: a device may not take our calls before it knows it is accepted. */
  afterAccepted(): void {
    setImmediate(() => this.syncList());
  }

  /** Resolves once the list syncs asked for so far have run (for whoever sends the device lists by hand). */
  listSynced(): Promise<void> {
    return this.listSync;
  }

  /** Brings the device's local list up to date, one sync at a time. */
  syncList(): void {
    this.listSync = this.listSync.then(() => syncLocalList(this.deps, this)).catch((err) => this.log('warn', { err }, 'local list not sent'));
  }

  log(level: 'info' | 'warn', details: object, message: string): void {
    this.deps.log[level]({ ...details, identity: this.device.identity }, message);
  }

  async chargingRules(): Promise<ChargingRules> {
    const now = Date.now();
    if (!this.rules || now - this.rules.readAt > RULES_TTL_MS) {
      const value = await inTenant(this.deps.db, this.device.tenantId, (tx) => chargingRules(tx, this.device.tenantId, this.device.siteId));
      this.rules = { value, readAt: now };
    }
    return this.rules.value;
  }
}
