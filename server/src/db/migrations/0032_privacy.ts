// Data protection (docs/PRIVACY.md): the e-mailed confirmation of an account deletion, when an
// erased person's bookkeeping may finally lose what is still personal, and how long the
// manager keeps device logs.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const privacy: Migration = {
  version: 32,
  name: 'privacy',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check;
      ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check CHECK (purpose IN ('password_reset', 'email_change', 'account_deletion'));

      -- users.email stays NOT NULL and unique: an erased account gets a unique address under the
      -- reserved .invalid domain (RFC 2606), which no mail server delivers to.
      ALTER TABLE users ADD COLUMN erased_at timestamptz;

      -- Set when the person was erased: the bookkeeping stays, without a name, until retain_until.
      ALTER TABLE people ADD COLUMN erased_at timestamptz;
      ALTER TABLE people ADD COLUMN retain_until date;
      CREATE INDEX people_retain_until ON people (retain_until) WHERE retain_until IS NOT NULL;

      -- Erasure alone (as the platform) may replace the copied name and actor labels in these
      -- otherwise append-only records; amounts and numbers stay immutable.
      GRANT UPDATE (buyer) ON invoices TO concierge_platform;
      GRANT UPDATE (actor) ON credential_events TO concierge_platform;

      ALTER TABLE tenant_settings ADD COLUMN device_log_retention_days integer NOT NULL DEFAULT 90 CHECK (device_log_retention_days BETWEEN 1 AND 3650);
    `);
  },
};
