// SQL behind the portal's views of credentials: lists with the holder and the fee, the staff
// search, the badge terms, and taking a badge out of stock. Every function takes the tenant.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { CredentialStatus, CredentialType } from '../../db/schema.ts';

/** What the badge fee and the operating mode are, with the migration's defaults for a tenant without settings. */
export async function badgeTerms(tx: Tx, tenantId: string) {
  const row = await tx.selectFrom('tenants')
    .leftJoin('tenant_settings as s', 's.tenant_id', 'tenants.id')
    .select(['tenants.currency', 'tenants.operating_mode', 's.badge_fee_minor', 's.badge_shipping_minor'])
    .where('tenants.id', '=', tenantId).executeTakeFirstOrThrow();
  return {
    currency: row.currency, operatingMode: row.operating_mode,
    badgeFeeMinor: row.badge_fee_minor === null ? 650 : Number(row.badge_fee_minor),
    shippingMinor: row.badge_shipping_minor === null ? 150 : Number(row.badge_shipping_minor),
  };
}
export type BadgeTerms = Awaited<ReturnType<typeof badgeTerms>>;

export function findPerson(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('people').select(['id', 'first_name', 'last_name', 'email', 'language', 'customer_number'])
    .where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
}

const listColumns = [
  'c.id', 'c.type', 'c.id_tag', 'c.technology', 'c.label', 'c.person_id', 'c.status', 'c.origin', 'c.valid_until', 'c.fee_id',
  'c.request_id', 'c.created_at', 'c.status_changed_at',
  'p.customer_number', 'p.first_name', 'p.last_name',
  'f.status as fee_status', 'f.amount_minor as fee_amount_minor', 'f.currency as fee_currency',
] as const;

function credentials(tx: Tx, tenantId: string) {
  return tx.selectFrom('credentials as c')
    .innerJoin('people as p', (join) => join.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.person_id'))
    .leftJoin('fees as f', (join) => join.onRef('f.tenant_id', '=', 'c.tenant_id').onRef('f.id', '=', 'c.fee_id'))
    .select(listColumns)
    .where('c.tenant_id', '=', tenantId);
}

export type CredentialView = Awaited<ReturnType<typeof findView>> & object;

export function findView(tx: Tx, tenantId: string, id: string) {
  return credentials(tx, tenantId).where('c.id', '=', id).executeTakeFirst();
}

/** A person's credentials: the live ones first, then the ended ones, newest first. */
export function listOfPerson(tx: Tx, tenantId: string, personId: string) {
  return credentials(tx, tenantId).where('c.person_id', '=', personId)
    .orderBy(sql`c.status IN ('lost', 'returned')`).orderBy('c.created_at', 'desc').limit(200).execute();
}

export interface SearchFilter {
  /** A UID (any case, with or without separators), a printed label, a name or a customer number. */
  q?: string;
  idTag?: string;
  status?: CredentialStatus;
  type?: CredentialType;
  personId?: string;
}

export function search(tx: Tx, tenantId: string, filter: SearchFilter, limit: number) {
  let query = credentials(tx, tenantId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    const idTag = filter.idTag;
    query = query.where((eb) => eb.or([
      // A PIN's tag is a hash: typing digits must never find it.
      ...(idTag ? [eb.and([eb('c.id_tag', 'like', `%${idTag.replace(/[\\%_]/g, '\\$&')}%`), eb('c.type', 'in', ['rfid', 'fob'])])] : []),
      eb('c.label', 'ilike', like),
      eb(sql<string>`p.first_name || ' ' || p.last_name`, 'ilike', like),
      eb(sql<string>`p.last_name || ' ' || p.first_name`, 'ilike', like),
      eb('p.customer_number', 'ilike', like),
    ]));
  }
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.type) query = query.where('c.type', '=', filter.type);
  if (filter.personId) query = query.where('c.person_id', '=', filter.personId);
  return query.orderBy('c.status_changed_at', 'desc').orderBy('c.id').limit(limit).execute();
}

/** The history of a credential, oldest first. */
export function history(tx: Tx, tenantId: string, credentialId: string) {
  return tx.selectFrom('credential_events').select(['id', 'at', 'actor', 'from_status', 'to_status', 'reason'])
    .where('tenant_id', '=', tenantId).where('credential_id', '=', credentialId).orderBy('id').execute();
}

export type StockPick = { label: string } | { idTag: string } | 'next';

/**
 * Takes one badge out of stock (the row is deleted: from now on the credential holds its UID).
 * `next` takes the lowest label not locked by a concurrent issue.
 */
export async function takeFromStock(tx: Tx, tenantId: string, pick: StockPick) {
  let chosen = tx.selectFrom('badge_stock').select('id_tag').where('tenant_id', '=', tenantId);
  if (pick === 'next') chosen = chosen.orderBy('label').limit(1).forUpdate().skipLocked();
  else if ('label' in pick) chosen = chosen.where('label', '=', pick.label).forUpdate();
  else chosen = chosen.where('id_tag', '=', pick.idTag).forUpdate();
  const row = await chosen.executeTakeFirst();
  if (!row) return undefined;
  return tx.deleteFrom('badge_stock').where('tenant_id', '=', tenantId).where('id_tag', '=', row.id_tag)
    .returning(['id_tag', 'label', 'technology']).executeTakeFirstOrThrow();
}

/** Whether a printed label is taken by an issued badge already. */
export async function labelInUse(tx: Tx, tenantId: string, label: string): Promise<boolean> {
  const row = await tx.selectFrom('credentials').select('id').where('tenant_id', '=', tenantId).where('type', '=', 'rfid').where('label', '=', label).executeTakeFirst();
  return row !== undefined;
}

/** Gives an ordered badge its UID and label from stock, in the status it starts with. */
export function setIssued(tx: Tx, tenantId: string, id: string, badge: { idTag: string; label: string; status: CredentialStatus; now: Date }) {
  return tx.updateTable('credentials')
    .set({ id_tag: badge.idTag, label: badge.label, technology: 'mifare_classic', status: badge.status, status_changed_at: badge.now })
    .where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function setFee(tx: Tx, tenantId: string, id: string, feeId: string) {
  await tx.updateTable('credentials').set({ fee_id: feeId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The live phone credentials of a person (a limit per person keeps the device lists small). */
export async function countLivePhones(tx: Tx, tenantId: string, personId: string): Promise<number> {
  const row = await tx.selectFrom('credentials').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId).where('person_id', '=', personId).where('type', '=', 'phone')
    .where('status', 'not in', ['lost', 'returned']).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The person's PIN credential still in use, locked for the change. */
export function livePinOf(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('credentials').selectAll().where('tenant_id', '=', tenantId).where('person_id', '=', personId)
    .where('type', '=', 'pin').where('status', 'not in', ['lost', 'returned']).forUpdate().executeTakeFirst();
}

export function setTag(tx: Tx, tenantId: string, id: string, idTag: string) {
  return tx.updateTable('credentials').set({ id_tag: idTag }).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Whether the person holds a badge in use (ordered, awaiting its fee, active or blocked) / one reported lost. */
export async function badgeCounts(tx: Tx, tenantId: string, personId: string) {
  const row = await tx.selectFrom('credentials')
    .select([
      sql<string>`count(*) FILTER (WHERE status NOT IN ('lost', 'returned'))`.as('live'),
      sql<string>`count(*) FILTER (WHERE status = 'lost')`.as('lost'),
    ])
    .where('tenant_id', '=', tenantId).where('person_id', '=', personId).where('type', '=', 'rfid').executeTakeFirstOrThrow();
  return { live: Number(row.live), lost: Number(row.lost) };
}

/** A unique index refused the row: a concurrent twin got in first (checked before, so only in a race). */
