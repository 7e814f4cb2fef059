// SQL for the credential clean-up job (platform tables).
import type { Tx } from '../../db/scope.ts';

export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteSpentUserTokens(tx: Tx, now: Date): Promise<number> {
  const result = await tx.deleteFrom('user_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
