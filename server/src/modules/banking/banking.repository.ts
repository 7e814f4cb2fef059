import type { Insertable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { TenantBankAccountsTable } from '../../db/schema.ts';

export function findBankAccount(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenant_bank_accounts').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function saveBankAccount(tx: Tx, tenantId: string, values: Omit<Insertable<TenantBankAccountsTable>, 'tenant_id'>) {
  await tx.insertInto('tenant_bank_accounts').values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/** The person who pays in, with what the slip needs from their tenant. */
const payerQuery = (tx: Tx, tenantId: string) => tx.selectFrom('people').innerJoin('tenants', 'tenants.id', 'people.tenant_id')
  .select(['people.id', 'people.first_name', 'people.last_name', 'people.customer_number', 'people.language', 'tenants.currency', 'tenants.short_code'])
  .where('people.tenant_id', '=', tenantId);

export function findPayer(tx: Tx, tenantId: string, personId: string) {
  return payerQuery(tx, tenantId).where('people.id', '=', personId).executeTakeFirst();
}

export function findPayers(tx: Tx, tenantId: string, personIds: string[]) {
  return payerQuery(tx, tenantId).where('people.id', 'in', personIds).execute();
}
