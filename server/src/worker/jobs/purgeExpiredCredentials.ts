// Deletes sessions past their expiry and e-mailed tokens that were used or ran out: they can
// no longer log anyone in, and keeping them only keeps personal data (IP, user agent) longer.
import { asPlatform } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { Job } from '../worker.ts';
import * as repo from './purgeExpiredCredentials.repository.ts';

export async function purgeExpiredCredentials(deps: Deps): Promise<{ sessions: number; userTokens: number }> {
  const now = deps.clock.now();
  return asPlatform(deps.db, async (tx) => ({
    sessions: await repo.deleteExpiredSessions(tx, now),
    userTokens: await repo.deleteSpentUserTokens(tx, now),
  }));
}

export const purgeExpiredCredentialsJob: Job = { name: 'purge-expired-credentials', intervalMs: 15 * 60_000, run: purgeExpiredCredentials };
