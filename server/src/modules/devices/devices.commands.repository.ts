import type { Tx } from '../../db/scope.ts';

export function recentCommands(tx: Tx, tenantId: string, deviceId: string, limit: number) {
  return tx.selectFrom('device_commands')
    .select(['id', 'action', 'payload', 'status', 'result', 'error', 'requested_by', 'created_at', 'answered_at'])
    .where('tenant_id', '=', tenantId).where('device_id', '=', deviceId)
    .orderBy('created_at', 'desc').limit(limit).execute();
}

export type CommandRow = Awaited<ReturnType<typeof recentCommands>>[number];

/** Names of the tenant's members among `userIds`; users are the platform's, so run as the platform. */
export async function memberNames(tx: Tx, tenantId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name'])
    .where('memberships.tenant_id', '=', tenantId).where('users.id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
