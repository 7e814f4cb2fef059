// A simulated laundry terminal: each connector switches a washer, dryer or ironing station,
// metered by energy (kWh), booked time (minutes) or program impulses. A resident taps a badge
// (Authorize, then GetBalance for the display), picks an appliance and a maximum (Preselect,
// which holds the amount), and the terminal starts it (StartTransaction). The terminal cuts
// the power when the pre-selected energy is used up or the booked time is over; the Central
// System ends idle and impulse sessions with RemoteStopTransaction.
import type { GetBalanceAnswer, PreselectAnswer, QuantityUnit, TariffAnswer } from '../gateway/ocpp/vendor.ts';
import type { Connector, ConnectorSpec, Metering } from './connector.ts';
import { SimulatedDevice, type DeviceOptions } from './device.ts';
import { DISPLAY, displayFor, displayForStatus, formatMoney } from './display.ts';
import type { AuthorizationStatus, IdTagInfo } from './local-list.ts';
import { vendorRequest, type VendorAnswer } from './vendor-client.ts';

/** A terminal drives at most 2 metered circuits (energy, time) or 8 impulse outputs. */
export function checkTerminalConnectors(connectors: ConnectorSpec[]): void {
  const metered = connectors.filter((c) => c.metering !== 'impulse').length;
  const impulse = connectors.length - metered;
  if (metered > 0 && impulse > 0) throw new Error('a terminal is either metered (energy, time) or impulse, not both');
  if (metered > 2) throw new Error('a terminal has at most 2 metered circuits');
  if (impulse > 8) throw new Error('a terminal has at most 8 impulse outputs');
  if (connectors.some((c) => c.kind === 'ev_connector')) throw new Error('EV connectors belong on a charger');
}

export const UNIT_OF: Record<Metering, QuantityUnit> = { energy: 'kWh', time: 'min', impulse: 'impulse' };

export interface TapResult {
  status: AuthorizationStatus | 'Offline';
  balance?: GetBalanceAnswer;
  /** What the terminal shows. */
  display: string;
}

export interface StartResult { started: boolean; display: string; transactionId?: number }

interface Preselection { idTag: string; quantity: number; unit: QuantityUnit; answer: PreselectAnswer }

export class SimulatedTerminal extends SimulatedDevice {
  private readonly preselections = new Map<number, Preselection>();

  constructor(options: DeviceOptions) {
    checkTerminalConnectors(options.connectors);
    super({ vendor: 'Concierge', model: 'Sim Laundry Terminal', ...options });
  }

  /** A badge held to the reader: its status and, online, its balance. */
  async tap(idTag: string): Promise<TapResult> {
    if (!this.online) {
      const result: TapResult = this.authorizeOffline(idTag)
        ? { status: 'Offline', display: `${DISPLAY.offline}: known badge, appliances can start` }
        : { status: 'Offline', display: DISPLAY.offline };
      return this.show(result);
    }
    const { idTagInfo } = await this.call<{ idTagInfo: IdTagInfo }>('Authorize', { idTag });
    const balance = await vendorRequest<GetBalanceAnswer>(this, 'GetBalance', { idTag });
    if (idTagInfo.status !== 'Accepted') {
      // GetBalance's refusal says why (e.g. badge_not_supported), which Authorize cannot.
      return this.show({ status: idTagInfo.status, display: balance.accepted ? displayForStatus(idTagInfo.status) : displayFor(balance.reason) });
    }
    if (!balance.accepted) return this.show({ status: 'Accepted', display: displayFor(balance.reason) });
    const { data } = balance;
    return this.show({ status: 'Accepted', balance: data, display: `Balance ${formatMoney(data.balance, data.currency)}${data.label ? ` (${data.label})` : ''}` });
  }

  /** The price shown before a pre-selection. */
  async tariff(connectorId: number): Promise<VendorAnswer<TariffAnswer>> {
    return vendorRequest<TariffAnswer>(this, 'GetTariff', { connectorId });
  }

  /** The resident picks the appliance and a maximum; the Central System holds what it can cost. */
  async preselect(connectorId: number, idTag: string, quantity: number, unit: QuantityUnit = UNIT_OF[this.connector(connectorId).spec.metering]): Promise<VendorAnswer<PreselectAnswer>> {
    const connector = this.connector(connectorId);
    if (!connector.freeFor(idTag)) {
      const reason = connector.status === 'Faulted' ? 'appliance_fault' : 'busy';
      this.log(`display: ${displayFor(reason)}`);
      return { accepted: false, reason };
    }
    if (!this.online) {
      this.log(`display: ${DISPLAY.offline}`);
      return { accepted: false, reason: 'not_allowed' };
    }
    const answer = await vendorRequest<PreselectAnswer>(this, 'Preselect', { connectorId, idTag, quantity, unit });
    if (!answer.accepted) {
      this.log(`display: ${displayFor(answer.reason)}`);
      return answer;
    }
    this.preselections.set(connectorId, { idTag, quantity, unit, answer: answer.data });
    this.log(`display: ${quantity} ${unit} on ${connector.spec.name ?? `appliance ${connectorId}`}, at most ${formatMoney(answer.data.maxAmount, answer.data.currency)}`);
    await this.setStatus(connectorId, 'Preparing');
    return answer;
  }

  /**
   * Starts the appliance for the tag: after a pre-selection, on a remote start, or offline for a
   * tag on the local list (then `quantity` is the maximum chosen at the terminal).
   */
  async start(connectorId: number, idTag: string, quantity?: number): Promise<StartResult> {
    const connector = this.connector(connectorId);
    if (!connector.freeFor(idTag)) return this.refuseStart(connector.status === 'Faulted' ? DISPLAY.appliance_fault : DISPLAY.busy);
    if (!this.online && !this.authorizeOffline(idTag)) return this.refuseStart(DISPLAY.offline);
    const preselection = this.preselections.get(connectorId);
    this.preselections.delete(connectorId);
    const maximum = preselection?.idTag === idTag ? preselection.quantity : quantity;
    const { transaction, answer } = await this.startTransaction(connectorId, idTag);
    if (answer && answer.idTagInfo.status !== 'Accepted') return this.refuseStart(displayForStatus(answer.idTagInfo.status));
    if (connector.transaction !== transaction) return { started: false, display: 'stopped' };
    await this.runAppliance(connector, maximum);
    return { started: true, display: 'Activated', transactionId: answer?.transactionId };
  }

  /** The resident ends the session at the terminal ("end appliance"). */
  async stop(connectorId: number): Promise<void> {
    await this.stopTransaction(connectorId, 'Local');
  }

  /** The program is over: the appliance draws nothing more, the register stays flat. */
  async finishProgram(connectorId: number): Promise<void> {
    const connector = this.connector(connectorId);
    if (!connector.transaction) return;
    connector.setPower(0, this.clock.now());
    this.log(`program finished on connector ${connectorId}`);
    await this.setStatus(connectorId, 'SuspendedEV');
  }

  /** The appliance reports a fault (e.g. OtherError, PowerSwitchFailure). */
  async fault(connectorId: number, errorCode = 'OtherError', info?: string): Promise<void> {
    await this.setStatus(connectorId, 'Faulted', errorCode, info);
  }

  async repair(connectorId: number): Promise<void> {
    const connector = this.connector(connectorId);
    await this.setStatus(connectorId, connector.transaction ? 'Charging' : connector.operative ? 'Available' : 'Unavailable');
  }

  acceptRemoteStart(connectorId: number | undefined, idTag: string): number | undefined {
    if (!this.online) return undefined;
    const connector = connectorId === undefined
      ? [...this.connectors.values()].find((c) => c.freeFor(idTag))
      : this.connectors.get(connectorId);
    if (!connector?.freeFor(idTag)) return undefined;
    // The Central System made the pre-selection on the resident's behalf: the terminal just starts.
    this.later(() => this.start(connector.id, idTag));
    return connector.id;
  }

  async unlock(): Promise<'NotSupported'> {
    return 'NotSupported';
  }

  private async runAppliance(connector: Connector, maximum: number | undefined): Promise<void> {
    const id = connector.id;
    switch (connector.spec.metering) {
      case 'impulse': {
        const impulses = Math.max(1, Math.round(maximum ?? 1));
        this.log(`${impulses} impulse(s) on output ${id}`);
        await this.setStatus(id, 'Charging');
        return;
      }
      case 'time': {
        await this.switchOn(connector);
        if (maximum) this.schedule(`end:${id}`, Math.round(maximum * 60_000), () => this.endOfMaximum(id, 'booked time over'));
        return;
      }
      case 'energy': {
        await this.switchOn(connector);
        if (maximum) this.schedule(`end:${id}`, Math.round((maximum * 1000 * 3_600_000) / connector.ratedPowerW), () => this.endOfMaximum(id, 'pre-selected energy used up'));
        return;
      }
    }
  }

  private async endOfMaximum(connectorId: number, why: string): Promise<void> {
    const connector = this.connector(connectorId);
    // A program that already finished drew nothing more: the maximum was never reached.
    if (!connector.transaction || (connector.spec.metering === 'energy' && connector.power() === 0)) return;
    this.log(`${why} on connector ${connectorId}: power off`);
    await this.stopTransaction(connectorId, 'Local');
  }

  private refuseStart(display: string): StartResult {
    this.log(`display: ${display}`);
    return { started: false, display };
  }

  private show(result: TapResult): TapResult {
    this.log(`display: ${result.display}`);
    return result;
  }
}
