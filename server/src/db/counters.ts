// Gapless per-tenant counters (customer numbers, fee numbers, device-list versions): the row
// stays locked until the transaction ends, so numbers are taken in commit order without gaps.
import type { Tx } from './scope.ts';

/** The next value of a tenant's counter; `first` when the counter is new. */
export function nextCounter(tx: Tx, tenantId: string, name: string, first: number): Promise<number> {
  return takeNumbers(tx, tenantId, name, first, 1);
}

/** The first of the next `count` values of a tenant's counter, taken at once. */
export async function takeNumbers(tx: Tx, tenantId: string, name: string, first: number, count: number): Promise<number> {
  const row = await tx.insertInto('tenant_counters').values({ tenant_id: tenantId, name, value: first + count - 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet((eb) => ({ value: eb('tenant_counters.value', '+', count) })))
    .returning('value').executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}
