// Releases holds whose time ran out (a balance transfer nobody accepted, a session that never
// reported its end), so held money returns to the wallet without anyone asking.
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { expireHolds } from '../../modules/ledger/ledger.usecases.ts';
import { allTenantIds } from '../../modules/tenancy/tenancy.repository.ts';
import { closeExpiredTransferRequests } from '../../modules/wallets/wallets.usecases.ts';
import type { Job } from '../worker.ts';

const BATCH = 500;

export async function expireHoldsEverywhere(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const tenantIds = await asPlatform(deps.db, allTenantIds);
  let total = 0;
  for (const id of tenantIds) {
    for (;;) {
      const expired = await inTenant(deps.db, id, async (tx) => {
        const count = await expireHolds(tx, id, now, BATCH);
        await closeExpiredTransferRequests(tx, id, now);
        return count;
      });
      total += expired;
      if (expired < BATCH) break;
    }
  }
  return total;
}

export const expireHoldsJob: Job = { name: 'expire-holds', intervalMs: 60_000, run: expireHoldsEverywhere };
