// A simulated EV charger: a car is plugged in, a badge starts the charge (Authorize, then
// StartTransaction), MeterValues report the register and the power every
// MeterValueSampleInterval seconds, and the charge ends when the driver stops it, unplugs, or
// the Central System sends RemoteStopTransaction (a prepaid balance ran out).
import type { ConnectorSpec } from './connector.ts';
import { SimulatedDevice, type DeviceOptions } from './device.ts';
import type { IdTagInfo } from './local-list.ts';

export type ChargerOptions = Omit<DeviceOptions, 'connectors'> & { connectors?: ConnectorSpec[]; powerW?: number };

export class SimulatedCharger extends SimulatedDevice {
  private readonly plugged = new Set<number>();

  constructor(options: ChargerOptions) {
    const connectors = options.connectors ?? [{ connectorId: 1, kind: 'ev_connector', metering: 'energy', name: 'Ladepunkt', powerW: options.powerW }];
    super({ vendor: 'Concierge', model: 'Sim EV Charger', ...options, connectors });
  }

  async plugIn(connectorId = 1): Promise<void> {
    this.plugged.add(connectorId);
    const connector = this.connector(connectorId);
    if (!connector.transaction && connector.operative) await this.setStatus(connectorId, 'Preparing');
  }

  /** The car leaves: a running charge ends (StopTransactionOnEVSideDisconnect). */
  async unplug(connectorId = 1): Promise<void> {
    this.plugged.delete(connectorId);
    const connector = this.connector(connectorId);
    if (connector.transaction) await this.stopTransaction(connectorId, 'EVDisconnected');
    else if (connector.operative && connector.status !== 'Faulted') await this.setStatus(connectorId, connector.reservation ? 'Reserved' : 'Available');
  }

  /** A badge at the reader starts a charge (plugging the car in first if it is not). */
  async startCharging(idTag: string, connectorId = 1): Promise<{ started: boolean; status: IdTagInfo['status'] | 'Offline'; transactionId?: number }> {
    const connector = this.connector(connectorId);
    if (!connector.freeFor(idTag)) return { started: false, status: 'ConcurrentTx' };
    if (this.online) {
      const { idTagInfo } = await this.call<{ idTagInfo: IdTagInfo }>('Authorize', { idTag });
      if (idTagInfo.status !== 'Accepted') return { started: false, status: idTagInfo.status };
    } else if (!this.authorizeOffline(idTag)) {
      return { started: false, status: 'Offline' };
    }
    return this.charge(connectorId, idTag);
  }

  async stop(connectorId = 1): Promise<void> {
    await this.stopTransaction(connectorId, 'Local');
  }

  /** The battery is full: the car draws nothing more but stays plugged in. */
  async carFull(connectorId = 1): Promise<void> {
    const connector = this.connector(connectorId);
    if (!connector.transaction) return;
    connector.setPower(0, this.clock.now());
    await this.setStatus(connectorId, 'SuspendedEV');
  }

  acceptRemoteStart(connectorId: number | undefined, idTag: string): number | undefined {
    if (!this.online) return undefined;
    const connector = connectorId === undefined ? [...this.connectors.values()].find((c) => c.freeFor(idTag)) : this.connectors.get(connectorId);
    if (!connector?.freeFor(idTag)) return undefined;
    // AuthorizeRemoteTxRequests is false: the Central System already decided.
    this.later(() => this.charge(connector.id, idTag));
    return connector.id;
  }

  async unlock(connectorId: number): Promise<'Unlocked'> {
    if (this.connector(connectorId).transaction) await this.stopTransaction(connectorId, 'UnlockCommand');
    this.plugged.delete(connectorId);
    return 'Unlocked';
  }

  private async charge(connectorId: number, idTag: string): Promise<{ started: boolean; status: IdTagInfo['status'] | 'Offline'; transactionId?: number }> {
    if (!this.plugged.has(connectorId)) await this.plugIn(connectorId);
    const connector = this.connector(connectorId);
    const { transaction, answer } = await this.startTransaction(connectorId, idTag);
    if (answer && answer.idTagInfo.status !== 'Accepted') return { started: false, status: answer.idTagInfo.status };
    if (connector.transaction !== transaction) return { started: false, status: 'Accepted' };
    await this.switchOn(connector);
    return { started: true, status: answer ? 'Accepted' : 'Offline', transactionId: answer?.transactionId };
  }
}
