// A simulated OCPP 1.6J charge point: the connection (ocpp-rpc, strict mode, HTTP Basic auth),
// the boot cycle (Pending until the Central System accepts it), heartbeats, the local list,
// the transaction queue that survives the connection, and transactions with their meter
// readings. SimulatedTerminal and SimulatedCharger add what a laundry terminal and an EV
// charger do on top; the answers to the Central System's requests live in handlers.ts.
import { RPCClient } from 'ocpp-rpc';
import { realClock, type SimulatorClock } from './clock.ts';
import { Configuration, LOCAL_AUTH_LIST_MAX_LENGTH, SEND_LOCAL_LIST_MAX_LENGTH } from './configuration.ts';
import { Connector, type ConnectorSpec, type ConnectorStatus, type StopReason, type Transaction } from './connector.ts';
import { answerCentralSystem } from './handlers.ts';
import { LocalAuthList, type IdTagInfo } from './local-list.ts';
import { TransactionQueue } from './transaction-queue.ts';

export interface DeviceOptions {
  /** The Central System's OCPP endpoint without the identity, e.g. ws://localhost:3000/ocpp. */
  url: string;
  identity: string;
  /** HTTP Basic password (security profile 1, or 2 over wss). */
  password?: string;
  connectors: ConnectorSpec[];
  vendor?: string;
  model?: string;
  serialNumber?: string;
  clock?: SimulatorClock;
  /** Reconnect when the connection drops (default true). */
  reconnect?: boolean;
  heartbeatSeconds?: number;
  meterValueSampleSeconds?: number;
  /** Where readable lines about what the device does go (the identity is prefixed). */
  log?: (line: string) => void;
  /** For wss:// (security profile 2): the certificate to trust, or false to skip the check (a server on this machine). */
  tls?: { ca?: Buffer | string; verify?: boolean };
}

export type Registration = 'none' | 'Pending' | 'Accepted' | 'Rejected';
interface BootAnswer { status: 'Accepted' | 'Pending' | 'Rejected'; currentTime: string; interval: number }
export interface StartAnswer { transactionId: number; idTagInfo: IdTagInfo }

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];
const RETRY_CONNECT_MS = 5_000;

export abstract class SimulatedDevice {
  readonly identity: string;
  readonly clock: SimulatorClock;
  readonly configuration: Configuration;
  readonly localList = new LocalAuthList();
  readonly connectors = new Map<number, Connector>();
  registration: Registration = 'none';
  protected readonly client: RPCClient;
  protected readonly queue: TransactionQueue;
  private connected = false;
  private closed = false;
  private heldOffline = false;
  private nextLocalId = -1;
  private readonly timers = new Map<string, () => void>();
  private readonly background = new Set<Promise<unknown>>();
  private acceptedWaiters: (() => void)[] = [];

  constructor(protected readonly options: DeviceOptions) {
    this.identity = options.identity;
    this.clock = options.clock ?? realClock;
    this.configuration = new Configuration(options.connectors.length, options);
    options.connectors.forEach((spec, i) => {
      // Registers start at different readings, as installed meters do.
      this.connectors.set(spec.connectorId, new Connector(spec, this.clock.now(), 10_000 * (i + 1)));
    });
    const clientOptions: Partial<ClientOptions> = {
      endpoint: options.url.replace(/\/+$/, ''), identity: options.identity, password: options.password ?? null,
      protocols: ['ocpp1.6'], strictMode: true, reconnect: options.reconnect ?? true, callTimeoutMs: 30_000,
      backoff: { initialDelay: 1_000, maxDelay: 30_000, factor: 2, randomisationFactor: 0.25 },
      ...(options.tls ? { wsOpts: { ...(options.tls.ca ? { ca: options.tls.ca } : {}), rejectUnauthorized: options.tls.verify !== false } } : {}),
    };
    this.client = new RPCClient(clientOptions as ClientOptions);
    this.client.on('open', () => this.track(this.onConnected()));
    this.client.on('disconnect', ({ code }: { code: number }) => {
      this.connected = false;
      if (!this.closed) this.log(`connection lost (${code})${this.heldOffline ? '' : ', reconnecting'}`);
    });
    this.client.on('strictValidationFailure', ({ method, error }: { method: string; error: Error }) => this.log(`${method} failed OCPP validation: ${error.message}`));
    this.queue = new TransactionQueue({ online: () => this.online, call: (action, params) => this.call(action, params), log: (line) => this.log(line) });
    answerCentralSystem(this, this.client);
  }

  /** Connected and accepted: the only state in which the device sends anything but BootNotification. */
  get online(): boolean {
    return this.connected && this.registration === 'Accepted';
  }

  /** Transaction messages waiting for the connection. */
  get queued(): number {
    return this.queue.length;
  }

  /** Connects; the boot cycle runs from there. Refusals (401, 404) are thrown; an unreachable server is retried. */
  async connect(): Promise<void> {
    this.closed = false;
    try {
      await this.client.connect();
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      if (typeof status === 'number' || this.options.reconnect === false) throw new Error(`${this.identity}: connection refused: ${describeError(error)}`);
      this.log(`cannot reach ${this.options.url} (${describeError(error)}), retrying`);
      this.schedule('connect', RETRY_CONNECT_MS, () => this.connect().catch((e: Error) => this.log(e.message)));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    await this.client.close({ code: 1000, reason: 'Simulator stopped' });
    this.connected = false;
  }

  /** Simulates a network outage: the connection goes and stays gone until reconnect(). */
  async disconnect(): Promise<void> {
    this.heldOffline = true;
    this.cancel('heartbeat');
    await this.client.close({ force: true });
    this.connected = false;
  }

  async reconnect(): Promise<void> {
    this.heldOffline = false;
    await this.client.connect();
    await this.idle();
  }

  /** Resolves once the Central System has accepted the device. */
  whenAccepted(): Promise<void> {
    if (this.registration === 'Accepted') return Promise.resolve();
    return new Promise((resolve) => this.acceptedWaiters.push(resolve));
  }

  /** Waits until everything the device started on its own (boot, replays, remote starts) is done. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  connector(connectorId: number): Connector {
    const connector = this.connectors.get(connectorId);
    if (!connector) throw new Error(`${this.identity} has no connector ${connectorId}`);
    return connector;
  }

  /** Sends a request and returns the answer; logs both. */
  async call<T = Record<string, unknown>>(action: string, params: Record<string, unknown>): Promise<T> {
    this.log(`→ ${action} ${brief(params)}`);
    try {
      const answer = await this.client.call(action, params) as T;
      this.log(`← ${action} ${brief(answer)}`);
      return answer;
    } catch (error) {
      this.log(`✗ ${action}: ${describeError(error)}`);
      throw error;
    }
  }

  /** Starts a transaction the device has authorised; offline it is queued and runs on a local id. */
  async startTransaction(connectorId: number, idTag: string, reservationId?: number): Promise<{ transaction: Transaction; answer: StartAnswer | undefined }> {
    const connector = this.connector(connectorId);
    const now = this.clock.now();
    const transaction: Transaction = { id: this.nextLocalId--, idTag, startedAt: now, meterStartWh: connector.meterWh(now), offline: !this.online };
    connector.transaction = transaction;
    if (connector.reservation && connector.reservation.idTag === idTag) {
      reservationId ??= connector.reservation.reservationId;
      connector.reservation = undefined;
      this.cancel(`reservation:${connectorId}`);
    }
    const params = { connectorId, idTag, meterStart: transaction.meterStartWh, timestamp: now.toISOString(), ...(reservationId !== undefined ? { reservationId } : {}) };
    const sent = this.queue.send('StartTransaction', params, { localTransactionId: transaction.id }).then((answer) => {
      transaction.id = (answer as StartAnswer).transactionId;
      return answer as StartAnswer;
    });
    this.scheduleSampling(connector);
    if (transaction.offline) {
      this.log(`offline: StartTransaction on connector ${connectorId} queued`);
      // Replayed later: a transaction still running when the tag turns out refused is stopped then.
      void sent.then((answer) => this.stopIfRefused(connectorId, transaction, answer)).catch(() => undefined);
      return { transaction, answer: undefined };
    }
    let answer: StartAnswer;
    try {
      answer = await sent;
    } catch (error) {
      // Refused with a CALLERROR: nothing runs.
      if (connector.transaction === transaction) connector.transaction = undefined;
      this.cancel(`sample:${connectorId}`);
      throw error;
    }
    await this.stopIfRefused(connectorId, transaction, answer);
    return { transaction, answer };
  }

  /** StopTransactionOnInvalidId: the Central System refused the tag after all. */
  private async stopIfRefused(connectorId: number, transaction: Transaction, answer: StartAnswer): Promise<void> {
    if (answer.idTagInfo.status === 'Accepted' || this.connector(connectorId).transaction !== transaction) return;
    if (this.configuration.boolean('StopTransactionOnInvalidId')) await this.stopTransaction(connectorId, 'DeAuthorized');
  }

  /** Ends what runs on the connector: StopTransaction (queued when offline), then the connector is free. */
  async stopTransaction(connectorId: number, reason?: StopReason): Promise<void> {
    const connector = this.connector(connectorId);
    const transaction = connector.transaction;
    if (!transaction) return;
    const now = this.clock.now();
    connector.setPower(0, now);
    connector.transaction = undefined;
    for (const name of [`sample:${connectorId}`, `end:${connectorId}`]) this.cancel(name);
    const params = { transactionId: transaction.id, meterStop: connector.meterWh(now), timestamp: now.toISOString(), ...(reason ? { reason } : {}) };
    const sent = this.queue.send('StopTransaction', params, { idTag: transaction.idTag });
    if (connector.inoperativeAfterTransaction) {
      connector.operative = false;
      connector.inoperativeAfterTransaction = false;
    }
    await this.setStatus(connectorId, connector.operative ? 'Available' : 'Unavailable');
    if (this.online) await sent.catch(() => undefined);
  }

  /** Records the connector's status and tells the Central System when online (all are sent again on reconnect). */
  async setStatus(connectorId: number, status: ConnectorStatus, errorCode = 'NoError', info?: string): Promise<void> {
    if (connectorId > 0) {
      const connector = this.connector(connectorId);
      connector.status = status;
      connector.errorCode = errorCode;
    }
    if (!this.online) return;
    await this.call('StatusNotification', { connectorId, status, errorCode, timestamp: this.clock.now().toISOString(), ...(info ? { info } : {}) }).catch(() => undefined);
  }

  /** A MeterValues with the register and the power now (queued when offline). */
  sendMeterValues(connector: Connector, context: 'Sample.Periodic' | 'Trigger' = 'Sample.Periodic'): Promise<unknown> {
    const now = this.clock.now();
    const sampledValue = [
      { value: String(connector.meterWh(now)), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
      { value: String(connector.power()), context, measurand: 'Power.Active.Import', unit: 'W' },
    ];
    const params = { connectorId: connector.id, ...(connector.transaction ? { transactionId: connector.transaction.id } : {}), meterValue: [{ timestamp: now.toISOString(), sampledValue }] };
    if (context === 'Trigger' || !connector.transaction) return this.online ? this.call('MeterValues', params) : Promise.resolve();
    return this.queue.send('MeterValues', params);
  }

  /** Whether a tag may start while the device cannot ask the Central System. */
  authorizeOffline(idTag: string): boolean {
    return this.configuration.boolean('LocalAuthorizeOffline') && this.configuration.boolean('LocalAuthListEnabled')
      && this.localList.allowsOffline(idTag, this.clock.now());
  }

  localListLimits() {
    return {
      enabled: this.configuration.boolean('LocalAuthListEnabled'),
      maxLength: LOCAL_AUTH_LIST_MAX_LENGTH,
      maxPerMessage: SEND_LOCAL_LIST_MAX_LENGTH,
    };
  }

  /** A connector id the Central System may name: 0 (the whole device) or one of ours. */
  knows(connectorId: number | undefined): boolean {
    return connectorId === undefined || connectorId === 0 || this.connectors.has(connectorId);
  }

  /** RemoteStartTransaction: whether the device takes it. The start itself follows the answer. */
  abstract acceptRemoteStart(connectorId: number | undefined, idTag: string): number | undefined;
  /** UnlockConnector: a laundry terminal has no cable lock. */
  abstract unlock(connectorId: number): Promise<'Unlocked' | 'UnlockFailed' | 'NotSupported'>;

  /** Runs work after the current answer has gone out, and keeps track of it for idle(). */
  later(work: () => Promise<unknown>): void {
    this.track(new Promise((resolve) => setImmediate(resolve)).then(work).catch((error: Error) => this.log(`error: ${error.message}`)));
  }

  /** Reset: ends every transaction, drops the connection and boots again. */
  async reboot(type: 'Soft' | 'Hard'): Promise<void> {
    for (const connector of this.connectors.values()) await this.stopTransaction(connector.id, type === 'Hard' ? 'HardReset' : 'SoftReset');
    this.log(`${type.toLowerCase()} reset`);
    this.registration = 'none';
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    await this.client.close({ code: 1012, reason: 'Reset' });
    this.connected = false;
    if (!this.closed) await this.connect();
  }

  async sendBootNotification(): Promise<void> {
    this.cancel('boot');
    let answer: BootAnswer;
    try {
      answer = await this.call<BootAnswer>('BootNotification', {
        // OCPP's field lengths: vendor and model 20, serial number 25.
        chargePointVendor: (this.options.vendor ?? 'Concierge').slice(0, 20), chargePointModel: (this.options.model ?? 'Simulator').slice(0, 20),
        ...(this.options.serialNumber ? { chargePointSerialNumber: this.options.serialNumber.slice(0, 25) } : {}), firmwareVersion: 'sim-1.0',
      });
    } catch {
      // Connection lost: the next connection boots again. Refused: try again later.
      if (this.connected) this.schedule('boot', 60_000, () => this.sendBootNotification());
      return;
    }
    this.registration = answer.status;
    if (answer.status !== 'Accepted') {
      const seconds = answer.interval > 0 ? answer.interval : 60;
      this.log(`registration ${answer.status.toLowerCase()}: booting again in ${seconds} s`);
      this.schedule('boot', seconds * 1000, () => this.sendBootNotification());
      return;
    }
    if (answer.interval > 0) this.configuration.set('HeartbeatInterval', answer.interval);
    this.log('accepted by the Central System');
    this.scheduleHeartbeat();
    await this.announce();
    for (const resolve of this.acceptedWaiters.splice(0)) resolve();
  }

  /** Moves the heartbeat to the current HeartbeatInterval. */
  scheduleHeartbeat(): void {
    const seconds = this.configuration.integer('HeartbeatInterval');
    if (seconds <= 0) return this.cancel('heartbeat');
    this.schedule('heartbeat', seconds * 1000, async () => {
      if (this.online) await this.call('Heartbeat', {}).catch(() => undefined);
      if (this.connected) this.scheduleHeartbeat();
    });
  }

  /** Runs a task after `ms` on the device's clock; a task of the same name is replaced. */
  schedule(name: string, ms: number, task: () => Promise<unknown> | void): void {
    this.cancel(name);
    const cancel = this.clock.after(ms, async () => {
      this.timers.delete(name);
      await this.track(Promise.resolve().then(task).catch((error: Error) => this.log(`error: ${error.message}`)));
    });
    this.timers.set(name, cancel);
  }

  cancel(name: string): void {
    this.timers.get(name)?.();
    this.timers.delete(name);
  }

  log(line: string): void {
    this.options.log?.(`${this.identity} ${line}`);
  }

  /** The appliance draws its power and the connector shows Charging. */
  protected async switchOn(connector: Connector, watts = connector.ratedPowerW): Promise<void> {
    connector.setPower(watts, this.clock.now());
    await this.setStatus(connector.id, 'Charging');
  }

  private scheduleSampling(connector: Connector): void {
    if (connector.spec.metering === 'impulse') return;
    const seconds = this.configuration.integer('MeterValueSampleInterval');
    if (seconds <= 0) return;
    this.schedule(`sample:${connector.id}`, seconds * 1000, async () => {
      if (!connector.transaction) return;
      this.scheduleSampling(connector);
      // Offline the reading waits in the queue; nothing waits for it.
      const sent = this.sendMeterValues(connector).catch(() => undefined);
      if (this.online) await sent;
    });
  }

  private async onConnected(): Promise<void> {
    this.connected = true;
    this.log(`connected to ${this.options.url}`);
    if (this.registration !== 'Accepted') return this.sendBootNotification();
    this.scheduleHeartbeat();
    await this.announce();
  }

  /** After acceptance or a reconnection: what happened offline first, then every connector's status. */
  private async announce(): Promise<void> {
    if (this.queue.length > 0) this.log(`replaying ${this.queue.length} queued transaction message(s)`);
    await this.queue.drain();
    await this.setStatus(0, 'Available');
    for (const connector of this.connectors.values()) await this.setStatus(connector.id, connector.status, connector.errorCode);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.background.add(work);
    void work.finally(() => this.background.delete(work)).catch(() => undefined);
    return work;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { code?: unknown }).code;
    return typeof status === 'number' ? `HTTP ${status} ${error.message}` : error.message;
  }
  return String(error);
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}
