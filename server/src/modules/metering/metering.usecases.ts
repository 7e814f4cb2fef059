// Meters and their readings for the manager's office and for integrations (API tokens with
// meters:write act as office staff). Residents' views of their own meters come with the portal.
// A unit's meter measures a person's consumption: the office reads it only with the contract's
// pseudonymised-data option and a grant, and then under the unit's pseudonym (docs/metering.md,
// "Who sees what"); otherwise it is not found. Adding, replacing and feeding meters stay open.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { Language } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { unitMeterAccess, unitPseudonyms } from '../pseudonymised-access/pseudonymised-access.usecases.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import { ingestReadings, replaceMeter, type IncomingReading } from './metering.ingest.ts';
import * as repo from './metering.repository.ts';
import { renderMeterReport, type ReportRow } from './metering.report.ts';
import { meteringTexts } from './metering.texts.ts';
import type { ConsumptionQuery, MeterInput, ReplacementInput, ReportQuery } from './metering.schemas.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';
const authorize = (allowed: boolean) => { if (!allowed) throw forbidden(); };

const meterNotFound = () => new AppError('meters.not_found', 404, 'Meter not found');
const serialTaken = () => new AppError('meters.serial_taken', 409, 'Another meter has this serial number', [{ field: 'serial', message: 'Another meter has this serial number' }]);
const intervalMismatch = () => new AppError('meters.interval_minutes', 400, 'An interval meter needs its interval in minutes, a register none',
  [{ field: 'intervalMinutes', message: 'An interval meter needs its interval in minutes, a register none' }]);


export function createMeter(deps: Deps, actor: TenantActor, input: Static<typeof MeterInput>) {
  authorize(isStaff(actor));
  if ((input.kind === 'interval') !== (input.intervalMinutes != null)) throw intervalMismatch();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [input.siteId]);
    if (input.unitId) await requireAccess(tx, actor, 'unit', [input.unitId]);
    if ((await repo.meterIdsBySerial(tx, actor.tenantId, [input.serial])).size > 0) throw serialTaken();
    const meter = await repo.insertMeter(tx, actor.tenantId, {
      siteId: input.siteId, unitId: input.unitId ?? null, name: input.name, serial: input.serial, medium: input.medium as repo.Medium,
      unit: input.unit as repo.MeterUnit, kind: input.kind, intervalMinutes: input.intervalMinutes ?? null, readingMinutes: input.readingMinutes,
    });
    await recordAudit(tx, actor, { action: 'meter.created', entityType: 'meter', entityId: meter.id, after: meter });
    return asIs((await repo.findMeter(tx, actor.tenantId, meter.id))!);
  });
}

type MeterRow = NonNullable<Awaited<ReturnType<typeof repo.findMeter>>>;
/** A meter as its reader may see it: a unit's meter read by the office has no unit, label or serial, and its unit's pseudonym for a name. */
export type ReadableMeter = Omit<MeterRow, 'serial'> & { serial: string | null; pseudonym: string | null };

/** A unit's meter as the office reads it pseudonymised: "Unit 7F3A2C", in the reader's language. */
export const pseudonymName = (language: Language, pseudonym: string) => meteringTexts(language).unit_pseudonym_name.replace('{pseudonym}', pseudonym);
const asIs = (meter: MeterRow): ReadableMeter => ({ ...meter, pseudonym: null });
const pseudonymised = (meter: MeterRow, pseudonym: string, language: Language): ReadableMeter =>
  ({ ...meter, unit_id: null, unit_label: null, serial: null, name: pseudonymName(language, pseudonym), pseudonym });

/** The office's view of these meters: units' meters pseudonymised (the caller has checked the access). */
async function pseudonymise(tx: Tx, tenantId: string, language: Language, meters: MeterRow[]): Promise<ReadableMeter[]> {
  const pseudonyms = await unitPseudonyms(tx, tenantId, meters.flatMap((m) => (m.unit_id ? [m.unit_id] : [])));
  return meters.map((m) => (m.unit_id ? pseudonymised(m, pseudonyms.get(m.unit_id)!, language) : asIs(m)));
}

/**
 * Sites' meters as the statement ordered them, then units' by pseudonym: an order by the hidden
 * labels would tell which flat is which. For a stable sort.
 */
const pseudonymsLast = (a: { pseudonym: string | null }, b: { pseudonym: string | null }) =>
  Number(a.pseudonym !== null) - Number(b.pseudonym !== null) || (a.pseudonym && b.pseudonym ? a.pseudonym.localeCompare(b.pseudonym) : 0);

export function listMeters(deps: Deps, actor: TenantActor, filter: { siteId?: string }) {
  authorize(isStaff(actor));
  return inTenant(deps.db, actor.tenantId, async (tx): Promise<ReadableMeter[]> => {
    if (filter.siteId) await requireAccess(tx, actor, 'site', [filter.siteId]);
    if ((await unitMeterAccess(tx, actor)) === 'none') return (await repo.listMeters(tx, actor.tenantId, { ...filter, siteLevel: true })).map(asIs);
    return (await pseudonymise(tx, actor.tenantId, actor.language, await repo.listMeters(tx, actor.tenantId, filter))).sort(pseudonymsLast);
  });
}

export function submitReadings(deps: Deps, actor: TenantActor, readings: IncomingReading[]) {
  authorize(isStaff(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => ingestReadings(tx, actor.tenantId, await tenantTimeZone(tx, actor.tenantId), readings, deps.clock.now()));
}

export function replaceMeterDevice(deps: Deps, actor: TenantActor, meterId: string, input: Static<typeof ReplacementInput>) {
  authorize(isStaff(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const meter = await repo.findMeter(tx, actor.tenantId, meterId);
    if (!meter) throw meterNotFound();
    await requireAccess(tx, actor, 'site', [meter.site_id]);
    if ((await repo.meterIdsBySerial(tx, actor.tenantId, [input.newSerial])).size > 0) throw serialTaken();
    const report = await replaceMeter(tx, actor.tenantId, await tenantTimeZone(tx, actor.tenantId),
      { meter: meter.serial, at: new Date(input.at), finalValue: input.finalValue, newSerial: input.newSerial, initialValue: input.initialValue }, deps.clock.now());
    await recordAudit(tx, actor, { action: 'meter.replaced', entityType: 'meter', entityId: meter.id, before: { serial: meter.serial }, after: input });
    return report;
  });
}

/** A resident's meters: those of the units they live in or use today. */
async function ownUnits(tx: Tx, deps: Deps, actor: TenantActor): Promise<string[]> {
  if (actor.role !== 'resident' || !actor.personId) throw forbidden();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: await tenantTimeZone(tx, actor.tenantId) }).format(deps.clock.now());
  return repo.unitsOfPerson(tx, actor.tenantId, actor.personId, today);
}

/** The meters a resident may read (their units' today); for staff, null: those of their sites they may read (`visibleMeter`). */
export async function readableMeterIds(tx: Tx, deps: Deps, actor: TenantActor): Promise<string[] | null> {
  if (actor.role !== 'resident') return null;
  return (await repo.listMeters(tx, actor.tenantId, { unitIds: await ownUnits(tx, deps, actor) })).map((m) => m.id);
}

export function listOwnMeters(deps: Deps, actor: TenantActor) {
  return inTenant(deps.db, actor.tenantId, async (tx) => (await repo.listMeters(tx, actor.tenantId, { unitIds: await ownUnits(tx, deps, actor) })).map(asIs));
}

/**
 * Staff read the sites' meters of their sites, and units' meters only pseudonymised (with the
 * option and a grant); a resident the meters of their own units. Any other is not found.
 */
export async function visibleMeter(tx: Tx, deps: Deps, actor: TenantActor, meterId: string): Promise<ReadableMeter> {
  const meter = await repo.findMeter(tx, actor.tenantId, meterId);
  if (!meter) throw meterNotFound();
  if (actor.role === 'resident') {
    if (!meter.unit_id || !(await ownUnits(tx, deps, actor)).includes(meter.unit_id)) throw meterNotFound();
    return asIs(meter);
  }
  authorize(isStaff(actor));
  await requireAccess(tx, actor, 'site', [meter.site_id]);
  if (!meter.unit_id) return asIs(meter);
  if ((await unitMeterAccess(tx, actor)) === 'none') throw meterNotFound();
  return (await pseudonymise(tx, actor.tenantId, actor.language, [meter]))[0]!;
}

export function getMeter(deps: Deps, actor: TenantActor, meterId: string) {
  return inTenant(deps.db, actor.tenantId, (tx) => visibleMeter(tx, deps, actor, meterId));
}

/** The range a query asks for: `period` rows from `from` to `to` (default: days of the last 31 days). */
function rangeOf(deps: Deps, query: Static<typeof ConsumptionQuery>) {
  const period = (query.period ?? 'day') as repo.Period;
  const to = query.to ? new Date(query.to) : deps.clock.now();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 31 * 86_400_000);
  return { period, from, to };
}

export function meterConsumption(deps: Deps, actor: TenantActor, meterId: string, query: Static<typeof ConsumptionQuery>) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const meter = await visibleMeter(tx, deps, actor, meterId);
    const { period, from, to } = rangeOf(deps, query);
    return { meter, period, rows: await repo.consumptionOf(tx, actor.tenantId, meterId, period, from, to) };
  });
}

/** The same moment a calendar year earlier (29 February becomes 1 March). */
const yearBefore = (at: Date) => {
  const earlier = new Date(at);
  earlier.setUTCFullYear(at.getUTCFullYear() - 1);
  return earlier;
};

/** Every period of the range, those without data included: the rows of a report. */
async function reportRows(tx: Tx, tenantId: string, meterId: string, period: repo.Period, from: Date, to: Date, zone: string): Promise<ReportRow[]> {
  const stored = new Map((await repo.consumptionOf(tx, tenantId, meterId, period, from, to)).map((r) => [r.starts_at.getTime(), r]));
  return (await repo.periodStarts(tx, period, from, to, zone)).map((startsAt) => {
    const row = stored.get(startsAt.getTime());
    return { startsAt, consumption: row && row.measured_s + row.estimated_s > 0 ? Number(row.consumption) : null, estimatedS: row?.estimated_s ?? 0 };
  });
}

/** The consumption report of a meter as PDF, in the reader's language, with a comparison if asked. */
export async function meterReportPdf(deps: Deps, actor: TenantActor, meterId: string, query: Static<typeof ReportQuery>) {
  const report = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const meter = await visibleMeter(tx, deps, actor, meterId);
    const zone = await tenantTimeZone(tx, actor.tenantId);
    const { period, from, to } = rangeOf(deps, query);
    const rows = await reportRows(tx, actor.tenantId, meterId, period, from, to, zone);
    const earlier = (at: Date) => (query.compare === 'previous' ? new Date(at.getTime() - (to.getTime() - from.getTime())) : yearBefore(at));
    const compareRows = query.compare ? await reportRows(tx, actor.tenantId, meterId, period, earlier(from), earlier(to), zone) : [];
    const name = meter.pseudonym ? meteringTexts(actor.language).unit_pseudonym.replace('{pseudonym}', meter.pseudonym) : meter.name;
    return {
      meter: { name, serial: meter.serial, pseudonym: meter.pseudonym, unit: meter.unit, medium: meter.medium, site: (await repo.siteName(tx, actor.tenantId, meter.site_id)).name },
      period, from, to, rows,
      compare: query.compare ? { kind: query.compare, rows: rows.map((_, i) => compareRows[i] ?? { startsAt: new Date(0), consumption: null, estimatedS: 0 }) } : null,
      language: actor.language, timeZone: zone, now: deps.clock.now(),
    };
  });
  return { meter: report.meter, pdf: await renderMeterReport(report) };
}

const invalidMonth = () => new AppError('metering.invalid_month', 400, 'Not a month (write YYYY-MM, e.g. 2026-10)', [{ field: 'month', message: 'Not a month' }]);

export interface SiteReportRow {
  /** A unit's meter read with pseudonymised access: no serial or unit label, the unit's pseudonym instead. */
  meter: { id: string; name: string; serial: string | null; medium: string; unit: string; unitLabel: string | null; pseudonym: string | null };
  /** Thousandths of the meter's unit; null: no data in that month. */
  month: number | null;
  previous: number | null;
  lastYear: number | null;
  /** Part of the month's consumption was estimated (the meter was silent for a while), or the month is not fully covered. */
  incomplete: boolean;
}

/** A site's monthly report: every meter with the month, the month before and the same month last year (office staff). */
export function siteMonthlyReport(deps: Deps, actor: TenantActor, siteId: string, month: string | undefined): Promise<{ month: string; rows: SiteReportRow[] }> {
  authorize(isStaff(actor));
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalidMonth();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [siteId]);
    const zone = await tenantTimeZone(tx, actor.tenantId);
    month ??= lastMonth(deps.clock.now(), zone);
    const starts = await repo.monthStarts(tx, month, zone);
    const seconds = (starts.end.getTime() - starts.month.getTime()) / 1000;
    const unitMeters = await unitMeterAccess(tx, actor);
    const rows = await repo.siteConsumption(tx, actor.tenantId, siteId, 'month', [starts.month, starts.previous, starts.lastYear], { siteLevel: unitMeters === 'none' });
    const pseudonyms = unitMeters === 'none' ? new Map<string, string>() : await unitPseudonyms(tx, actor.tenantId, rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])));
    const byMeter = new Map<string, SiteReportRow>();
    for (const row of rows) {
      const pseudonym = row.unit_id ? pseudonyms.get(row.unit_id)! : null;
      const entry = byMeter.get(row.id) ?? {
        meter: pseudonym
          ? { id: row.id, name: pseudonymName(actor.language, pseudonym), serial: null, medium: row.medium, unit: row.unit, unitLabel: null, pseudonym }
          : { id: row.id, name: row.name, serial: row.serial, medium: row.medium, unit: row.unit, unitLabel: row.unit_label, pseudonym: null },
        month: null, previous: null, lastYear: null, incomplete: true,
      };
      const value = row.consumption === null || (row.measured_s ?? 0) + (row.estimated_s ?? 0) === 0 ? null : Number(row.consumption);
      const at = row.starts_at?.getTime();
      if (at === starts.month.getTime()) {
        entry.month = value;
        entry.incomplete = (row.estimated_s ?? 0) > 0 || (row.measured_s ?? 0) < seconds;
      } else if (at === starts.previous.getTime()) entry.previous = value;
      else if (at === starts.lastYear.getTime()) entry.lastYear = value;
      byMeter.set(row.id, entry);
    }
    return { month, rows: [...byMeter.values()].sort((a, b) => pseudonymsLast(a.meter, b.meter)) };
  });
}

/** The month before `now`'s, as YYYY-MM in `zone`. */
function lastMonth(now: Date, zone: string): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
