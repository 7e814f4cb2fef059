// Releases holds whose time ran out (a balance transfer nobody accepted, a session that never
// reported its end, a refund request nobody decided), so held money returns to the wallet
// without anyone asking, and closes the requests those holds belonged to.
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { expireHolds } from '../../modules/ledger/ledger.usecases.ts';
import { closeExpiredRefunds, notifyExpired } from '../../modules/refunds/refunds.expiry.usecases.ts';
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
      const { expired, refunds } = await inTenant(deps.db, id, async (tx) => {
        // Refund requests first: a decision locks the request before the accounts, and so do we.
        const refunds = await closeExpiredRefunds(tx, id, now);
        const count = await expireHolds(tx, id, now, BATCH);
        await closeExpiredTransferRequests(tx, id, now);
        return { expired: count, refunds };
      });
      await notifyExpired(deps, refunds);
      total += expired;
      if (expired < BATCH) break;
    }
  }
  return total;
}

export const expireHoldsJob: Job = { name: 'expire-holds', intervalMs: 60_000, run: expireHoldsEverywhere };
