// Gapless per-tenant counters (customer numbers, fee numbers, device-list versions): the row
// stays locked until the transaction ends, so numbers are taken in commit order without gaps.
import type { Tx } from './scope.ts';

/** The next value of a tenant's counter; `first` when the counter is new. */
export async function nextCounter(tx: Tx, tenantId: string, name: string, first: number): Promise<number> {
  const row = await tx.insertInto('tenant_counters').values({ tenant_id: tenantId, name, value: first })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet((eb) => ({ value: eb('tenant_counters.value', '+', 1) })))
    .returning('value').executeTakeFirstOrThrow();
  return Number(row.value);
}
