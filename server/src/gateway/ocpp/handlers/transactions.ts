// StartTransaction, MeterValues and StopTransaction: the session's life as the device reports it.
// Every StartTransaction gets a transactionId, also a refused one; every StopTransaction is
// answered, also one we cannot match (the device would otherwise resend it forever).
import { createRPCError } from 'ocpp-rpc';
import type { Deps } from '../../../deps.ts';
import { nextTransactionId } from '../../../modules/sessions/sessions.repository.ts';
import type { Sample } from '../../../modules/sessions/sessions.meter.ts';
import { useReservation } from '../../../modules/sessions/sessions.reservations.ts';
import { startTransaction as start } from '../../../modules/sessions/sessions.start.ts';
import { stopTransaction as stop } from '../../../modules/sessions/sessions.stop.ts';
import type { DeviceConnection } from '../connection.ts';
import type { IdTagInfo } from './authorize.ts';

interface SampledValue { value: string; measurand?: string; unit?: string; phase?: string; context?: string }
export interface MeterValue { timestamp: string; sampledValue: SampledValue[] }

export interface StartTransactionRequest { connectorId: number; idTag: string; meterStart: number; timestamp: string; reservationId?: number }

export async function startTransaction(deps: Deps, connection: DeviceConnection, params: StartTransactionRequest): Promise<{ transactionId: number; idTagInfo: IdTagInfo }> {
  const { device } = connection;
  if (params.meterStart < 0) throw createRPCError('PropertyConstraintViolation', 'meterStart must not be negative');
  if (device.registration !== 'accepted') {
    return { transactionId: await nextTransactionId(deps.db), idTagInfo: { status: 'Invalid' } };
  }
  const answer = await start(deps, device, {
    connectorId: params.connectorId, idTag: params.idTag, meterStartWh: params.meterStart, timestamp: new Date(params.timestamp), reservationId: params.reservationId ?? null,
  });
  if (params.reservationId !== undefined) await useReservation(deps, device.tenantId, params.reservationId);
  return { transactionId: answer.transactionId, idTagInfo: { status: answer.status } };
}

export interface StopTransactionRequest {
  transactionId: number; meterStop: number; timestamp: string; idTag?: string; reason?: string; transactionData?: MeterValue[];
}

export async function stopTransaction(deps: Deps, connection: DeviceConnection, params: StopTransactionRequest): Promise<{ idTagInfo?: IdTagInfo }> {
  const { device } = connection;
  if (params.transactionData?.length && params.transactionId > 0) {
    // The readings of the session's end: stored, but no reason to take another hold now.
    await connection.recordMeterValues(params.transactionId, samplesOf(params.transactionData), { ending: true });
  }
  const answer = await stop(deps, device, {
    // A negative register is no reading: the last one we have stands instead.
    transactionId: params.transactionId, meterStopWh: params.meterStop >= 0 ? params.meterStop : null, timestamp: new Date(params.timestamp), idTag: params.idTag ?? null, reason: params.reason ?? null,
  });
  return params.idTag ? { idTagInfo: { status: answer.status ?? 'Accepted' } } : {};
}

export async function meterValues(_deps: Deps, connection: DeviceConnection, params: { connectorId: number; transactionId?: number; meterValue: MeterValue[] }): Promise<Record<string, never>> {
  const outcome = await connection.recordMeterValues(params.transactionId ?? null, samplesOf(params.meterValue));
  // The wallet cannot cover another step: end the charge. Answered first, so the device is not kept waiting.
  if (outcome.stop) connection.later(() => connection.call('RemoteStopTransaction', { transactionId: outcome.transactionId }));
  return {};
}

const ENERGY = 'Energy.Active.Import.Register';
/** A 32-bit register in Wh, as OCPP's meterStart and meterStop are. */
const MAX_REGISTER_WH = 2 ** 31 - 1;
const MAX_POWER_W = 2 ** 31 - 1;
const within = (value: number, max: number) => (value <= max ? value : null);
const POWER = 'Power.Active.Import';

/** The energy register (Wh) and power (W) of each reading; per-phase values and other measurands are left aside. */
export function samplesOf(values: MeterValue[]): Sample[] {
  const samples: Sample[] = [];
  for (const reading of values) {
    const at = new Date(reading.timestamp);
    if (Number.isNaN(at.getTime())) continue;
    let energyWh: number | null = null;
    let powerW: number | null = null;
    for (const sampled of reading.sampledValue) {
      if (sampled.phase) continue;
      const value = Number(sampled.value);
      if (!Number.isFinite(value) || value < 0) continue;
      const measurand = sampled.measurand ?? ENERGY;
      // Beyond these no meter reads: such a value is garbage, left aside rather than stored.
      if (measurand === ENERGY) energyWh = within(Math.round(sampled.unit === 'kWh' ? value * 1000 : value), MAX_REGISTER_WH) ?? energyWh;
      else if (measurand === POWER) powerW = within(Math.round(sampled.unit === 'kW' ? value * 1000 : value), MAX_POWER_W) ?? powerW;
    }
    if (energyWh !== null || powerW !== null) samples.push({ at, energyWh, powerW });
  }
  return samples;
}
