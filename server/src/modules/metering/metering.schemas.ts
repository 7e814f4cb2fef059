import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Medium = Type.Union(['heat', 'electricity', 'water_cold', 'water_hot', 'gas', 'ev_charging', 'laundry'].map((m) => Type.Literal(m)));
const MeterUnit = Type.Union(['kWh', 'MWh', 'm3', 'GJ'].map((u) => Type.Literal(u)));

export const MeterInput = Body({
  siteId: Uuid,
  unitId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  serial: Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S+$' }),
  medium: Medium,
  unit: MeterUnit,
  kind: Type.Union([Type.Literal('register'), Type.Literal('interval')]),
  /** Interval meters only: the minutes each reading covers. */
  intervalMinutes: Type.Optional(Type.Union([Type.Literal(5), Type.Literal(10), Type.Literal(15), Type.Literal(30), Type.Literal(60), Type.Null()])),
  /** Registers: how often the meter is read, in minutes (default 60); readings twice as far apart leave a gap. */
  readingMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
});

/** Office staff with pseudonymised access read a unit's meter under its unit's pseudonym, without its unit, label or serial. */
const Pseudonym = Type.Union([Type.String(), Type.Null()], { description: 'a unit\'s meter read with pseudonymised access: the unit\'s pseudonym (six hex digits); unitId, unitLabel and serial are null then' });

export const MeterOut = Type.Object({
  id: Type.String(), siteId: Type.String(), unitId: Type.Union([Type.String(), Type.Null()]), unitLabel: Type.Union([Type.String(), Type.Null()], { description: 'the flat or room it measures' }),
  pseudonym: Pseudonym,
  name: Type.String(), serial: Type.Union([Type.String(), Type.Null()], { description: 'null: a unit\'s meter read pseudonymised' }),
  medium: Type.String(), unit: Type.String(), kind: Type.String(), intervalMinutes: Type.Union([Type.Integer(), Type.Null()]), readingMinutes: Type.Integer(),
});

export const MetersQuery = Type.Object({ siteId: Type.Optional(Uuid) }, { additionalProperties: false });

/** At most this many readings per request (a day of 15-minute values for 500 meters). */
export const MAX_READINGS = 50_000;

const ReadingInput = Type.Object({
  meter: Type.String({ minLength: 1, maxLength: 64, description: 'the meter\'s serial number' }),
  at: Type.String({ format: 'date-time' }),
  value: Type.Number({ description: 'in the meter\'s unit; a register\'s reading, or the consumption of an interval meter\'s interval' }),
  temperature: Type.Optional(Type.Union([Type.Number({ minimum: -100, maximum: 250 }), Type.Null()], { description: '°C measured with the reading (a heat meter\'s flow, hot water), for temperature alarms' })),
}, { additionalProperties: false });

export const ReadingsInput = Body({ readings: Type.Array(ReadingInput, { minItems: 1, maxItems: MAX_READINGS }) });

export const IngestOut = Type.Object({
  accepted: Type.Integer({ description: 'stored and counted' }),
  repeated: Type.Integer({ description: 'sent before with the same value: nothing changed' }),
  conflicts: Type.Array(Type.Object({ index: Type.Integer(), stored: Type.Number() }), { description: 'refused: another value is stored for that time' }),
  flagged: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() }), { description: 'stored, not counted: a register running backwards, a negative interval' }),
});

export const ReplacementInput = Body({
  at: Type.String({ format: 'date-time' }),
  finalValue: Type.Number(),
  newSerial: Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S+$' }),
  initialValue: Type.Number(),
});

export const ConsumptionQuery = Type.Object({
  period: Type.Optional(Type.Union(['hour', 'day', 'week', 'month', 'year'].map((p) => Type.Literal(p)), { description: 'default day' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'default: 31 days before `to`' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
}, { additionalProperties: false });

export const ReportQuery = Type.Object({
  ...ConsumptionQuery.properties,
  compare: Type.Optional(Type.Union([Type.Literal('previous'), Type.Literal('last_year')], { description: 'a second series: the period before, or the same period a year earlier' })),
}, { additionalProperties: false });

export const ConsumptionOut = Type.Object({
  meterId: Type.String(), unit: Type.String(), period: Type.String(),
  rows: Type.Array(Type.Object({
    startsAt: Type.String(), consumption: Type.Number({ description: 'in the meter\'s unit' }),
    measuredSeconds: Type.Integer(), estimatedSeconds: Type.Integer({ description: 'covered by a gap between readings: the consumption there is spread evenly' }),
  })),
});

export const SiteReportQuery = Type.Object({
  month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM; default: the month before the current one' })),
}, { additionalProperties: false });

const Amount = Type.Union([Type.Number(), Type.Null()], { description: 'in the meter\'s unit; null: no data' });
export const SiteReportOut = Type.Object({
  siteId: Type.String(), month: Type.String(),
  meters: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), serial: Type.Union([Type.String(), Type.Null()]), medium: Type.String(), unit: Type.String(), unitLabel: Type.Union([Type.String(), Type.Null()]),
    pseudonym: Pseudonym,
    month: Amount, previousMonth: Amount, sameMonthLastYear: Amount,
    incomplete: Type.Boolean({ description: 'part of the month was estimated or not measured' }),
  })),
});
