// A refund request nobody decided before its hold ran out closes as 'expired': the hold returned
// the money to the wallet, and the resident may ask again. decided_at then records when the
// hold expired (the status check of 0007 ties a closed request to a decided_at).
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const refundExpiry: Migration = {
  version: 12,
  name: 'refund_expiry',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE refund_requests DROP CONSTRAINT refund_requests_status_check;
      ALTER TABLE refund_requests ADD CONSTRAINT refund_requests_status_check
        CHECK (status IN ('requested', 'approved', 'rejected', 'paid', 'expired'));
    `);
  },
};
