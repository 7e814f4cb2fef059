// The appliances' own energy: the register an energy-metered appliance reports (StartTransaction's
// meterStart, MeterValues, StopTransaction's meterStop) becomes readings of a meter of its own,
// created the first time a reading arrives. The sessions module calls this in the transaction of a
// session's StopTransaction with all of the session's readings (not with each MeterValues: that
// path is the gateway's busiest; docs/metering.md, "Appliances' own energy").
// Metering never fails a device's message: repeats change nothing, a conflict or a register
// running backwards is logged (ingest reports them), and a reading ingest refuses (dated in the
// future, or before 2000) is logged and left out.
import type { Logger } from 'pino';
import type { Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import * as repo from './metering.appliances.repository.ts';
import { ingestReadings, type IncomingReading, type IngestReport } from './metering.ingest.ts';

export interface ApplianceReading {
  applianceId: string;
  at: Date;
  /** The appliance's register (Energy.Active.Import.Register). */
  energyWh: number;
}

/** Stores the readings as the appliances' meters' readings, creating the meters missing. */
export async function meterApplianceEnergy(tx: Tx, deps: Pick<Deps, 'clock' | 'log'>, tenantId: string, readings: ApplianceReading[]): Promise<void> {
  if (readings.length === 0) return;
  const serials = await applianceMeters(tx, tenantId, [...new Set(readings.map((r) => r.applianceId))]);
  let batch: IncomingReading[] = readings.flatMap((r) => {
    const serial = serials.get(r.applianceId);
    return serial ? [{ meter: serial, at: r.at, value: r.energyWh / 1000 }] : [];
  });
  if (batch.length === 0) return;
  const zone = await tenantTimeZone(tx, tenantId);
  const now = deps.clock.now();
  while (batch.length > 0) {
    try {
      logReport(deps.log, batch, await ingestReadings(tx, tenantId, zone, batch, now));
      return;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'metering.invalid_reading') throw error;
      // Refused before anything was written: the rest is tried again without the reading it names.
      const index = Number(/^readings\/(\d+)\//.exec(error.fields[0]?.field ?? '')?.[1] ?? Number.NaN);
      const refused = Number.isInteger(index) ? [batch[index]!] : batch;
      for (const reading of refused) deps.log.warn({ meter: reading.meter, at: reading.at.toISOString(), value: reading.value, reason: error.message }, 'appliance meter reading left out');
      batch = batch.filter((reading) => !refused.includes(reading));
    }
  }
}

/** The serial of each energy-metered appliance's meter, creating those missing. */
async function applianceMeters(tx: Tx, tenantId: string, applianceIds: string[]): Promise<Map<string, string>> {
  let appliances = await repo.energyAppliances(tx, tenantId, applianceIds);
  // A serial someone took for another meter (by hand, or a deleted appliance's) gets the appliance's id added.
  for (const serialOf of [plainSerial, distinctSerial]) {
    const missing = appliances.filter((a) => a.serial === null);
    if (missing.length === 0) break;
    await repo.insertApplianceMeters(tx, tenantId, missing.map((a) => ({
      applianceId: a.applianceId, siteId: a.siteId, serial: serialOf(a), name: `${a.deviceName}: ${a.name}`.slice(0, 100),
      medium: a.kind === 'ev_connector' ? 'ev_charging' : 'laundry',
    })));
    appliances = await repo.energyAppliances(tx, tenantId, applianceIds);
  }
  return new Map(appliances.flatMap((a) => (a.serial === null ? [] : [[a.applianceId, a.serial] as const])));
}

/** `<device identity>-<connector>`: what staff see on the device (identities have at most 48 characters). */
const plainSerial = (a: repo.EnergyAppliance) => `${a.deviceIdentity}-${a.connectorId}`;
const distinctSerial = (a: repo.EnergyAppliance) => `${plainSerial(a)}-${a.applianceId.slice(0, 8)}`;

function logReport(log: Logger, batch: IncomingReading[], report: IngestReport): void {
  for (const { index, stored } of report.conflicts) {
    const r = batch[index]!;
    log.warn({ meter: r.meter, at: r.at.toISOString(), value: r.value, stored }, 'appliance meter reading refused: another value is stored for this time');
  }
  for (const { index, reason } of report.flagged) {
    const r = batch[index]!;
    log.warn({ meter: r.meter, at: r.at.toISOString(), value: r.value, reason }, 'appliance meter reading stored flagged: not counted');
  }
}
