// What the metering endpoints take and return (server/src/modules/metering/metering.schemas.ts),
// and the upload of a readings file.
import { upload } from '../../api.ts';

export const MEDIA = ['heat', 'electricity', 'water_cold', 'water_hot', 'gas', 'ev_charging', 'laundry'] as const;
export type Medium = (typeof MEDIA)[number];
export const METER_UNITS = ['kWh', 'MWh', 'm3', 'GJ'] as const;
export type MeterUnit = (typeof METER_UNITS)[number];
export const METER_KINDS = ['register', 'interval'] as const;
export type MeterKind = (typeof METER_KINDS)[number];
export const INTERVALS = [5, 10, 15, 30, 60] as const;

/** The unit a new meter of this medium most likely counts in. */
export const DEFAULT_UNIT: Record<Medium, MeterUnit> = {
  heat: 'kWh', electricity: 'kWh', water_cold: 'm3', water_hot: 'm3', gas: 'm3', ev_charging: 'kWh', laundry: 'kWh',
};

/**
 * A meter's name in the reader's language. A unit's meter read pseudonymised comes named by the
 * server in the account's language; the page says it in its own ("Unit 7F3A2C", "Einheit 7F3A2C").
 */
export const meterName = (meter: Pick<Meter, 'name' | 'pseudonym'>, t: (key: string, options: { pseudonym: string }) => string) =>
  (meter.pseudonym ? t('metering:pseudonymised.name', { pseudonym: meter.pseudonym }) : meter.name);

/** The unit as people write it (m³, not m3). */
export const unitSymbol = (unit: string) => (unit === 'm3' ? 'm³' : unit);

export interface Meter {
  id: string;
  siteId: string;
  /** Null for a site's own meter, and for a unit's meter read pseudonymised. */
  unitId: string | null;
  /** The flat or room it measures (null as `unitId`). */
  unitLabel: string | null;
  /**
   * A unit's meter read by office staff with pseudonymised access: the unit's pseudonym (six hex
   * digits); `name` is then "Unit <pseudonym>", and `unitId`, `unitLabel` and `serial` are null.
   */
  pseudonym: string | null;
  name: string;
  /** Null: a unit's meter read pseudonymised. */
  serial: string | null;
  medium: Medium;
  unit: MeterUnit;
  kind: MeterKind;
  intervalMinutes: number | null;
  /** How often the meter is read, in minutes. */
  readingMinutes: number;
}

/** What names a meter in a file name: its serial, or its unit's pseudonym (as the server's PDF: `unit-7F3A2C`). */
export const meterFileName = (meter: Pick<Meter, 'id' | 'serial' | 'pseudonym'>) =>
  meter.serial ?? (meter.pseudonym ? `unit-${meter.pseudonym}` : meter.id);

export interface MeterInput {
  siteId: string;
  unitId: string | null;
  name: string;
  serial: string;
  medium: Medium;
  unit: MeterUnit;
  kind: MeterKind;
  intervalMinutes: number | null;
}

export type ConsumptionPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

export interface ConsumptionRow {
  startsAt: string;
  /** In the meter's unit. */
  consumption: number;
  measuredSeconds: number;
  /** Covered by a gap between readings: the consumption there is spread evenly. */
  estimatedSeconds: number;
}

export interface Consumption {
  meterId: string;
  unit: MeterUnit;
  period: ConsumptionPeriod;
  rows: ConsumptionRow[];
}

/** What a batch of readings did. Indexes count the readings from 0: CSV line = index + 2. */
export interface IngestReport {
  accepted: number;
  repeated: number;
  conflicts: { index: number; stored: number }[];
  flagged: { index: number; reason: 'backwards' | 'negative' | string }[];
}

export const consumptionPath = (meterId: string, period: ConsumptionPeriod, from: Date, to: Date) =>
  `/api/meters/${meterId}/consumption?period=${period}&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;

/** The same range as the server's PDF report (chart and table), with the comparison if any. */
export const reportPath = (meterId: string, period: ConsumptionPeriod, from: Date, to: Date, compare: 'previous' | 'last_year' | null) =>
  `/api/meters/${meterId}/report.pdf?${new URLSearchParams({ period, from: from.toISOString(), to: to.toISOString(), ...(compare && { compare }) })}`;

/** Sends a CSV file of readings, with progress. */
export function uploadReadings(file: File, onProgress: (fraction: number) => void): Promise<IngestReport> {
  return upload<IngestReport>('/api/meters/readings', file, 'text/csv', onProgress);
}
