// One connector of a simulated device: the appliance behind it, its OCPP status, its energy
// register and what runs on it. The register counts Wh from the power drawn over time.
export type ApplianceKind = 'washer' | 'dryer' | 'ironer' | 'ev_connector';
export type Metering = 'energy' | 'time' | 'impulse';
export type ConnectorStatus = 'Available' | 'Preparing' | 'Charging' | 'SuspendedEVSE' | 'SuspendedEV' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted';
export type StopReason = 'EmergencyStop' | 'EVDisconnected' | 'HardReset' | 'Local' | 'Other' | 'PowerLoss' | 'Reboot' | 'Remote' | 'SoftReset' | 'UnlockCommand' | 'DeAuthorized';

export interface ConnectorSpec {
  connectorId: number;
  kind: ApplianceKind;
  metering: Metering;
  name?: string;
  /** What the appliance draws while it runs, in W. */
  powerW?: number;
}

export const DEFAULT_POWER_W: Record<ApplianceKind, number> = { washer: 2_200, dryer: 2_800, ironer: 3_000, ev_connector: 11_000 };

export interface Transaction {
  /** The Central System's transactionId, or a local negative id until it is known. */
  id: number;
  idTag: string;
  startedAt: Date;
  meterStartWh: number;
  /** Started while the connection was down. */
  offline: boolean;
}

export interface Reservation { reservationId: number; idTag: string; expiresAt: Date }

export class Connector {
  status: ConnectorStatus = 'Available';
  errorCode = 'NoError';
  operative = true;
  /** ChangeAvailability Inoperative arrived during a transaction: applied when it ends. */
  inoperativeAfterTransaction = false;
  transaction: Transaction | undefined;
  reservation: Reservation | undefined;
  private registerWh: number;
  private powerW = 0;
  private since: number;

  constructor(readonly spec: ConnectorSpec, now: Date, initialWh = 0) {
    this.registerWh = initialWh;
    this.since = now.getTime();
  }

  get id(): number {
    return this.spec.connectorId;
  }

  get ratedPowerW(): number {
    return this.spec.powerW ?? DEFAULT_POWER_W[this.spec.kind];
  }

  /** The register now, in whole Wh. */
  meterWh(now: Date): number {
    this.accumulate(now);
    // Many small steps of floating point must not lose the last Wh.
    return Math.floor(this.registerWh + 1e-6);
  }

  power(): number {
    return this.powerW;
  }

  setPower(watts: number, now: Date): void {
    this.accumulate(now);
    this.powerW = watts;
  }

  /** Free for a new start by this tag: operative, not faulted, nothing running, not reserved for someone else. */
  freeFor(idTag: string): boolean {
    if (!this.operative || this.status === 'Faulted' || this.transaction) return false;
    return !this.reservation || this.reservation.idTag === idTag;
  }

  private accumulate(now: Date): void {
    const elapsed = Math.max(0, now.getTime() - this.since);
    this.registerWh += (this.powerW * elapsed) / 3_600_000;
    this.since = Math.max(this.since, now.getTime());
  }
}
