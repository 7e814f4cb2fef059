// The option's grants and the units' pseudonyms. Every function takes the tenant.
import type { Tx } from '../../db/scope.ts';

/** Whether the tenant's settlement contract (one per tenant, the one in force) includes the option; `lock` makes grants take turns. */
export async function optionInContract(tx: Tx, tenantId: string, { lock = false } = {}): Promise<boolean> {
  let query = tx.selectFrom('settlement_contracts').select('pseudonymised_data').where('tenant_id', '=', tenantId);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst())?.pseudonymised_data ?? false;
}

export async function grantedUserIds(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx.selectFrom('pseudonymised_access').select('user_id').where('tenant_id', '=', tenantId).orderBy('granted_at').execute();
  return rows.map((r) => r.user_id);
}

export async function isGranted(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  return (await tx.selectFrom('pseudonymised_access').select('user_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

export async function insertGrant(tx: Tx, tenantId: string, userId: string, grantedBy: string): Promise<void> {
  await tx.insertInto('pseudonymised_access').values({ tenant_id: tenantId, user_id: userId, granted_by: grantedBy })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing()).execute();
}

export async function deleteGrant(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const result = await tx.deleteFrom('pseudonymised_access').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The stored pseudonyms of these units (units without one are missing from the map). */
export async function pseudonymsOf(tx: Tx, tenantId: string, unitIds: string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await tx.selectFrom('unit_pseudonyms').select(['unit_id', 'pseudonym']).where('tenant_id', '=', tenantId).where('unit_id', 'in', unitIds).execute();
  return new Map(rows.map((r) => [r.unit_id, r.pseudonym]));
}

/** Stores new pseudonyms; a unit that has one already, or a pseudonym taken, is skipped (the caller tries again). */
export async function insertPseudonyms(tx: Tx, tenantId: string, rows: { unitId: string; pseudonym: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('unit_pseudonyms').values(rows.map((r) => ({ tenant_id: tenantId, unit_id: r.unitId, pseudonym: r.pseudonym }))).onConflict((oc) => oc.doNothing()).execute();
}
