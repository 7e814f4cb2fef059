import type { Tx } from '../../db/scope.ts';
import type { ApplianceKind, Currency, Metering, Tariff } from '../../db/schema.ts';

const columns = ['tenant_id', 'id', 'site_id', 'appliance_kind', 'metering', 'unit_price_minor', 'session_fee_minor',
  'vat_rate_bp', 'currency', 'valid_from', 'valid_to', 'created_at'] as const;

// int8 arrives as a number from pg (client.ts) but may be a bigint or string elsewhere; callers compute with it.
function toTariff(row: Tariff): Tariff {
  return { ...row, unit_price_minor: Number(row.unit_price_minor), session_fee_minor: Number(row.session_fee_minor), vat_rate_bp: Number(row.vat_rate_bp) };
}

/** The tariff in force at an instant: the latest one started by then, if it has not ended. Served by `tariffs_lookup`. */
export async function tariffAt(tx: Tx, tenantId: string, siteId: string, kind: ApplianceKind, at: Date): Promise<Tariff | null> {
  const row = await tx.selectFrom('tariffs').select(columns)
    .where('tenant_id', '=', tenantId).where('site_id', '=', siteId).where('appliance_kind', '=', kind)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
  return row ? toTariff(row) : null;
}

export async function siteTariffs(tx: Tx, tenantId: string, siteId: string): Promise<Tariff[]> {
  const rows = await tx.selectFrom('tariffs').select(columns)
    .where('tenant_id', '=', tenantId).where('site_id', '=', siteId)
    .orderBy('appliance_kind').orderBy('valid_from').execute();
  return rows.map(toTariff);
}

export async function findTariff(tx: Tx, tenantId: string, siteId: string, id: string): Promise<Tariff | null> {
  const row = await tx.selectFrom('tariffs').select(columns)
    .where('tenant_id', '=', tenantId).where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  return row ? toTariff(row) : null;
}

/** The tariffs of one site and kind whose period meets [from, to) (to null: open-ended). */
export async function overlapping(tx: Tx, tenantId: string, siteId: string, kind: ApplianceKind, from: Date, to: Date | null): Promise<Tariff[]> {
  let query = tx.selectFrom('tariffs').select(columns)
    .where('tenant_id', '=', tenantId).where('site_id', '=', siteId).where('appliance_kind', '=', kind)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', from)]));
  if (to) query = query.where('valid_from', '<', to);
  return (await query.orderBy('valid_from').execute()).map(toTariff);
}

/** The tariff a newer one closed: same site and kind, ending exactly where that one starts. */
export async function closedAt(tx: Tx, tenantId: string, siteId: string, kind: ApplianceKind, at: Date): Promise<Tariff | null> {
  const row = await tx.selectFrom('tariffs').select(columns)
    .where('tenant_id', '=', tenantId).where('site_id', '=', siteId).where('appliance_kind', '=', kind)
    .where('valid_to', '=', at).executeTakeFirst();
  return row ? toTariff(row) : null;
}

/**
 * Locks the site row: tariff changes of one site take turns, so two creations cannot both pass
 * the overlap check. Null when the site does not exist in the tenant.
 */
export async function lockSite(tx: Tx, tenantId: string, siteId: string): Promise<{ country: string; currency: Currency } | null> {
  const row = await tx.selectFrom('sites').innerJoin('tenants', 'tenants.id', 'sites.tenant_id')
    .select(['sites.country', 'tenants.currency'])
    .where('sites.tenant_id', '=', tenantId).where('sites.id', '=', siteId)
    .forUpdate('sites').executeTakeFirst();
  return row ? { country: row.country, currency: row.currency as Currency } : null;
}

export interface NewTariff {
  siteId: string;
  applianceKind: ApplianceKind;
  metering: Metering;
  unitPriceMinor: number;
  sessionFeeMinor: number;
  vatRateBp: number;
  currency: Currency;
  validFrom: Date;
  validTo: Date | null;
  createdAt: Date;
}

export async function insertTariff(tx: Tx, tenantId: string, t: NewTariff): Promise<Tariff> {
  const row = await tx.insertInto('tariffs').values({
    tenant_id: tenantId, site_id: t.siteId, appliance_kind: t.applianceKind, metering: t.metering, unit_price_minor: t.unitPriceMinor,
    session_fee_minor: t.sessionFeeMinor, vat_rate_bp: t.vatRateBp, currency: t.currency, valid_from: t.validFrom, valid_to: t.validTo,
    created_at: t.createdAt,
  }).returning(columns).executeTakeFirstOrThrow();
  return toTariff(row);
}

/** Ends an open-ended tariff where its successor starts; the only change a tariff ever sees. */
export async function setValidTo(tx: Tx, tenantId: string, id: string, validTo: Date | null): Promise<void> {
  await tx.updateTable('tariffs').set({ valid_to: validTo }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteTariff(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.deleteFrom('tariffs').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * The tariffs in force at `at` at the sites a person lives in: an occupancy running on that day
 * (ends_on inclusive, as occupancies count it) of a unit of the site.
 */
export async function tariffsWhereResidentLives(tx: Tx, tenantId: string, personId: string, at: Date): Promise<(Tariff & { site_name: string })[]> {
  const day = at.toISOString().slice(0, 10);
  const rows = await tx.selectFrom('tariffs')
    .innerJoin('sites', (join) => join.onRef('sites.tenant_id', '=', 'tariffs.tenant_id').onRef('sites.id', '=', 'tariffs.site_id'))
    .select(columns.map((c) => `tariffs.${c}` as const)).select('sites.name as site_name')
    .where('tariffs.tenant_id', '=', tenantId)
    .where('tariffs.valid_from', '<=', at)
    .where((eb) => eb.or([eb('tariffs.valid_to', 'is', null), eb('tariffs.valid_to', '>', at)]))
    .where((eb) => eb.exists(eb.selectFrom('occupancies')
      .innerJoin('units', (join) => join.onRef('units.tenant_id', '=', 'occupancies.tenant_id').onRef('units.id', '=', 'occupancies.unit_id'))
      .select('occupancies.id')
      .whereRef('occupancies.tenant_id', '=', 'tariffs.tenant_id').whereRef('units.site_id', '=', 'tariffs.site_id')
      .where('occupancies.person_id', '=', personId)
      .where('occupancies.starts_on', '<=', day)
      .where((inner) => inner.or([inner('occupancies.ends_on', 'is', null), inner('occupancies.ends_on', '>=', day)]))))
    .orderBy('sites.name').orderBy('tariffs.appliance_kind').execute();
  return rows.map((row) => ({ ...toTariff(row), site_name: row.site_name }));
}
