import type { Tx } from '../../db/scope.ts';
import type { Currency, FeeItem, FeeStatus } from '../../db/schema.ts';
import { nextCounter } from '../../db/counters.ts';

/** The next fee number of a tenant (1, 2, …); the fee's payment references derive from it. */
export async function nextFeeNumber(tx: Tx, tenantId: string): Promise<number> {
  return nextCounter(tx, tenantId, 'fee_number', 1);
}

/** What choosing a fee's reference needs: the short code, the currency, whether a QR-IBAN receives. */
export async function referenceContext(tx: Tx, tenantId: string) {
  const row = await tx.selectFrom('tenants')
    .leftJoin('tenant_bank_accounts as bank', 'bank.tenant_id', 'tenants.id')
    .select(['tenants.short_code', 'tenants.currency', 'bank.qr_iban'])
    .where('tenants.id', '=', tenantId).executeTakeFirstOrThrow();
  return { shortCode: row.short_code, currency: row.currency as Currency, hasQrIban: row.qr_iban !== null };
}

export interface NewFeeRow {
  id: string;
  number: number;
  personId: string;
  currency: Currency;
  amountMinor: number;
  items: FeeItem[];
  subject: { type: string; id: string } | null;
  reference: string;
  createdBy: string | null;
  createdAt: Date;
}

/** Inserts the fee; false when its id or a live fee for the same subject already exists. */
export async function insertFee(tx: Tx, tenantId: string, f: NewFeeRow): Promise<boolean> {
  const row = await tx.insertInto('fees').values({
    tenant_id: tenantId, id: f.id, number: f.number, person_id: f.personId, currency: f.currency, amount_minor: f.amountMinor,
    items: JSON.stringify(f.items), subject_type: f.subject?.type ?? null, subject_id: f.subject?.id ?? null, reference: f.reference,
    paid_via: null, transfer_id: null, bank_entry_id: null, paid_at: null, cancelled_at: null, cancel_reason: null, cancelled_by: null,
    created_by: f.createdBy, created_at: f.createdAt,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return row !== undefined;
}

const columns = ['fees.tenant_id', 'fees.id', 'fees.number', 'fees.person_id', 'fees.currency', 'fees.amount_minor', 'fees.items',
  'fees.subject_type', 'fees.subject_id', 'fees.reference', 'fees.status', 'fees.paid_via', 'fees.transfer_id', 'fees.bank_entry_id',
  'fees.paid_at', 'fees.cancelled_at', 'fees.cancel_reason', 'fees.created_at',
  'people.customer_number', 'people.first_name', 'people.last_name'] as const;

function fees(tx: Tx, tenantId: string) {
  return tx.selectFrom('fees')
    .innerJoin('people', (join) => join.onRef('people.tenant_id', '=', 'fees.tenant_id').onRef('people.id', '=', 'fees.person_id'))
    .select(columns).where('fees.tenant_id', '=', tenantId);
}

export function findFee(tx: Tx, tenantId: string, id: string) {
  return fees(tx, tenantId).where('fees.id', '=', id).executeTakeFirst();
}

/** The fee, locked: paying from the wallet, paying by bank and cancelling it wait for each other. */
export function findFeeForUpdate(tx: Tx, tenantId: string, id: string) {
  return fees(tx, tenantId).where('fees.id', '=', id).forUpdate('fees').executeTakeFirst();
}

export function feeByNumber(tx: Tx, tenantId: string, number: number) {
  return tx.selectFrom('fees').select(['id', 'person_id']).where('tenant_id', '=', tenantId).where('number', '=', number).executeTakeFirst();
}

export function listFees(tx: Tx, tenantId: string, filter: { personId?: string; status?: FeeStatus }, limit: number) {
  let query = fees(tx, tenantId);
  if (filter.personId) query = query.where('fees.person_id', '=', filter.personId);
  if (filter.status) query = query.where('fees.status', '=', filter.status);
  return query.orderBy('fees.created_at', 'desc').orderBy('fees.number', 'desc').limit(limit).execute();
}

export async function markPaid(tx: Tx, tenantId: string, id: string, paid: { via: 'wallet' | 'bank'; transferId: string; bankEntryId: string | null; at: Date }) {
  await tx.updateTable('fees').set({ status: 'paid', paid_via: paid.via, transfer_id: paid.transferId, bank_entry_id: paid.bankEntryId, paid_at: paid.at })
    .where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function markCancelled(tx: Tx, tenantId: string, id: string, cancel: { reason: string; by: string | null; at: Date }) {
  await tx.updateTable('fees').set({ status: 'cancelled', cancel_reason: cancel.reason, cancelled_by: cancel.by, cancelled_at: cancel.at })
    .where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export type FeeRow = NonNullable<Awaited<ReturnType<typeof findFee>>>;
