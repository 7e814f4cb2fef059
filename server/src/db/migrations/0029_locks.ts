// Smart locks and digital keys (seed 002; docs/locks.md).
//
// A lock's licence belongs to the lock, not to whoever registered it: `lock_hardware`, a platform
// table, remembers each lock's dates and key allowance between registrations, so removing a lock
// and registering it again (in any tenant) restores its original end dates. While a lock is
// registered, the tenant's `locks` row carries the working copy that every key operation checks;
// registration copies the licence in, removal copies it back, and redeeming a code writes both.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

const ROLES = `'manager_admin', 'manager_staff', 'resident', 'technician', 'lock_owner'`;

export const locks: Migration = {
  version: 29,
  name: 'locks',
  async up(db) {
    await executeScript(db, `
      -- Lock owners and organisations log in as members with the role lock_owner, for a party.
      ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
      ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN (${ROLES}));
      ALTER TABLE memberships ADD COLUMN party_id uuid;
      ALTER TABLE memberships ADD CONSTRAINT memberships_party_fk FOREIGN KEY (tenant_id, party_id) REFERENCES parties(tenant_id, id);
      ALTER TABLE memberships ADD CONSTRAINT memberships_lock_owner_party CHECK ((role = 'lock_owner') = (party_id IS NOT NULL));
      ALTER TABLE invitations DROP CONSTRAINT invitations_role_check;
      ALTER TABLE invitations ADD CONSTRAINT invitations_role_check CHECK (role IN (${ROLES}));
      ALTER TABLE invitations ADD COLUMN party_id uuid;
      ALTER TABLE invitations ADD CONSTRAINT invitations_party_fk FOREIGN KEY (tenant_id, party_id) REFERENCES parties(tenant_id, id);

      -- The account's upgrades: building management is switched on in the portal, organisation
      -- management is bought with a prepaid code. Both stay once granted.
      ALTER TABLE parties ADD COLUMN building_management_at timestamptz;
      ALTER TABLE parties ADD COLUMN organisation_management_at timestamptz;

      -- How long a lock's event log is kept, and after how long the names of key holders at
      -- residential units are replaced by the key's pseudonym.
      ALTER TABLE tenant_settings ADD COLUMN lock_event_retention_days integer NOT NULL DEFAULT 365
        CHECK (lock_event_retention_days BETWEEN 7 AND 3650);
      ALTER TABLE tenant_settings ADD COLUMN lock_event_pseudonymise_days integer NOT NULL DEFAULT 30
        CHECK (lock_event_pseudonymise_days BETWEEN 1 AND 3650);

      -- Every lock made, with the secret printed on it (as SHA-256) and its licence between
      -- registrations. Filled by the operator (lock stock), read and written as the platform.
      CREATE TABLE lock_hardware (
        serial text PRIMARY KEY CHECK (serial ~ '^[A-Z0-9-]{4,32}$'),
        secret_hash text NOT NULL,
        model text,
        first_registered_at timestamptz,
        free_until timestamptz,
        managed_until timestamptz,
        org_option_until timestamptz,
        purchased_keys integer NOT NULL DEFAULT 10 CHECK (purchased_keys BETWEEN 0 AND 2500),
        key_slots_used integer NOT NULL DEFAULT 0 CHECK (key_slots_used >= 0),
        tenant_id uuid REFERENCES tenants(id),
        lock_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE locks (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        serial text NOT NULL REFERENCES lock_hardware(serial),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        owner_party_id uuid NOT NULL,
        site_id uuid,
        unit_id uuid,
        registered_at timestamptz NOT NULL,
        registered_by uuid REFERENCES users(id),
        removed_at timestamptz,
        free_until timestamptz NOT NULL,
        managed_until timestamptz,
        org_option_until timestamptz,
        purchased_keys integer NOT NULL CHECK (purchased_keys BETWEEN 0 AND 2500),
        key_slots_used integer NOT NULL CHECK (key_slots_used >= 0),
        -- Raised by every change of the lock's whitelist; each key carries the version of its last change.
        whitelist_version bigint NOT NULL DEFAULT 0,
        last_seen_at timestamptz,
        synced_version bigint,
        battery_low_at timestamptz,
        tamper_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, owner_party_id) REFERENCES parties(tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id),
        CHECK (unit_id IS NULL OR site_id IS NOT NULL)
      );
      -- A lock is registered once at a time, platform-wide.
      CREATE UNIQUE INDEX locks_registered_serial ON locks (serial) WHERE removed_at IS NULL;
      CREATE INDEX locks_owner ON locks (tenant_id, owner_party_id) WHERE removed_at IS NULL;

      -- A digital key: a holder (a person by name, optionally one of the tenant's people, or a
      -- registered organisation) and a medium. Keys are never deleted; revoked ones stay for history.
      CREATE TABLE lock_keys (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        lock_id uuid NOT NULL,
        holder_name text NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 160),
        person_id uuid,
        organisation_id uuid,
        -- rfid (tag), fob (remote control), phone, pin; an organisation's key has none: it shares
        -- the lock's management and opens nothing itself.
        medium text CHECK (medium IN ('rfid', 'fob', 'phone', 'pin')),
        identifier text,
        pin_hash text,
        credential_id uuid,
        valid_from timestamptz,
        valid_until timestamptz,
        weekdays smallint NOT NULL DEFAULT 127 CHECK (weekdays BETWEEN 1 AND 127),
        minutes_from smallint CHECK (minutes_from BETWEEN 0 AND 1439),
        minutes_until smallint CHECK (minutes_until BETWEEN 1 AND 1440),
        issued_at timestamptz NOT NULL,
        issued_by uuid REFERENCES users(id),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id),
        version bigint NOT NULL,
        pseudonym text NOT NULL CHECK (pseudonym ~ '^[0-9A-F]{6}$'),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lock_id) REFERENCES locks(tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES parties(tenant_id, id),
        FOREIGN KEY (tenant_id, credential_id) REFERENCES credentials(tenant_id, id),
        CHECK ((organisation_id IS NULL) = (medium IS NOT NULL)),
        CHECK ((medium = 'pin') = (pin_hash IS NOT NULL)),
        CHECK (medium IS NULL OR medium = 'pin' OR identifier IS NOT NULL),
        CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from),
        CHECK ((minutes_from IS NULL) = (minutes_until IS NULL))
      );
      CREATE INDEX lock_keys_delta ON lock_keys (tenant_id, lock_id, version);
      CREATE UNIQUE INDEX lock_keys_identifier ON lock_keys (tenant_id, lock_id, medium, identifier) WHERE revoked_at IS NULL AND identifier IS NOT NULL;
      CREATE UNIQUE INDEX lock_keys_pin ON lock_keys (tenant_id, lock_id, pin_hash) WHERE revoked_at IS NULL AND pin_hash IS NOT NULL;
      CREATE UNIQUE INDEX lock_keys_organisation ON lock_keys (tenant_id, lock_id, organisation_id) WHERE revoked_at IS NULL AND organisation_id IS NOT NULL;
      CREATE UNIQUE INDEX lock_keys_pseudonym ON lock_keys (tenant_id, pseudonym);
      CREATE INDEX lock_keys_shared ON lock_keys (tenant_id, organisation_id) WHERE revoked_at IS NULL AND organisation_id IS NOT NULL;

      -- What a lock reports. device_event_id makes a replay after an offline spell harmless.
      CREATE TABLE lock_events (
        tenant_id uuid NOT NULL,
        lock_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        device_event_id text NOT NULL,
        at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind IN ('opened', 'denied', 'battery_low', 'tamper', 'locked')),
        key_id uuid,
        -- Kept when the key is forgotten by pseudonymisation, so the log still tells keys apart.
        key_pseudonym text,
        detail text,
        pseudonymised_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, lock_id, device_event_id),
        FOREIGN KEY (tenant_id, lock_id) REFERENCES locks(tenant_id, id)
      );
      CREATE INDEX lock_events_lock_at ON lock_events (tenant_id, lock_id, at DESC);

      -- Prepaid codes: the operator makes them in batches per product. Only a code's SHA-256 is kept;
      -- the codes themselves are handed out once, when the batch is made.
      CREATE TABLE prepaid_code_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product text NOT NULL CHECK (product IN ('management_5y', 'organisation_option', 'organisation_management', 'key_pack')),
        keys_per_code integer CHECK (keys_per_code BETWEEN 1 AND 2500),
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
        label text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((product = 'key_pack') = (keys_per_code IS NOT NULL))
      );
      CREATE TABLE prepaid_codes (
        code_hash text PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES prepaid_code_batches(id),
        hint text NOT NULL,
        redeemed_at timestamptz,
        redeemed_by uuid REFERENCES users(id),
        redeemed_tenant_id uuid REFERENCES tenants(id),
        redeemed_lock_serial text REFERENCES lock_hardware(serial),
        redeemed_party_id uuid
      );
      CREATE INDEX prepaid_codes_batch ON prepaid_codes (batch_id);
      -- Every redemption attempt, right or wrong: the audit trail and the rate limit's memory.
      CREATE TABLE prepaid_code_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL,
        outcome text NOT NULL,
        code_hash text,
        tenant_id uuid,
        lock_serial text
      );
      CREATE INDEX prepaid_code_attempts_user ON prepaid_code_attempts (user_id, at);
    `);
    for (const table of ['locks', 'lock_keys', 'lock_events']) await tenantTable(db, table);
    await executeScript(db, `
      REVOKE ALL ON lock_hardware, prepaid_code_batches, prepaid_codes, prepaid_code_attempts FROM concierge_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON lock_hardware, prepaid_code_batches, prepaid_codes, prepaid_code_attempts TO concierge_platform;
      REVOKE DELETE ON lock_keys, lock_events FROM concierge_app;
    `);
  },
};
