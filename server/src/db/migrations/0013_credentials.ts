// Identification media: RFID badges, phone credentials, PIN codes and remote fobs, their life
// cycle with its history, the badge stock (imported UIDs not yet issued), residents' badge
// requests, and the change log behind the versioned device lists (OCPP SendLocalList). Every change is announced on the `credentials` channel
// (NOTIFY, delivered at commit) so each server process drops what it cached.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const credentials: Migration = {
  version: 13,
  name: 'credentials',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE tenant_settings
        ADD COLUMN badge_fee_minor bigint NOT NULL DEFAULT 650 CHECK (badge_fee_minor >= 0),
        ADD COLUMN badge_shipping_minor bigint NOT NULL DEFAULT 150 CHECK (badge_shipping_minor >= 0),
        ADD COLUMN auto_register_laundry boolean NOT NULL DEFAULT true,
        ADD COLUMN auto_register_charging boolean NOT NULL DEFAULT false;

      -- An account opened by a badge's first tap at a terminal, until a resident claims the badge.
      ALTER TABLE people ADD COLUMN auto_registered boolean NOT NULL DEFAULT false;

      -- Badges imported (UID and printed label) and not yet issued: inventory, not credentials.
      CREATE TABLE badge_imports (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        badge_count integer NOT NULL,
        imported_by uuid,
        -- The importer's name as the office sees it (the application role cannot read users);
        -- by_operator: the platform assigned these badges to the manager.
        imported_by_label text NOT NULL DEFAULT '',
        by_operator boolean NOT NULL DEFAULT false,
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX badge_imports_recent ON badge_imports (tenant_id, imported_at DESC);
      CREATE TABLE badge_stock (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id_tag text NOT NULL,
        label text NOT NULL,
        technology text NOT NULL CHECK (technology IN ('mifare_classic')),
        import_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, id_tag),
        FOREIGN KEY (tenant_id, import_id) REFERENCES badge_imports(tenant_id, id)
      );
      CREATE UNIQUE INDEX badge_stock_label ON badge_stock (tenant_id, label);
      CREATE INDEX badge_stock_tag_any_tenant ON badge_stock (id_tag);
      CREATE INDEX badge_stock_import ON badge_stock (tenant_id, import_id);

      CREATE TABLE credentials (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('rfid', 'phone', 'pin', 'fob')),
        -- What a device presents, normalised: the UID in upper-case hex (RFID), the fob's serial,
        -- the phone's token; for a PIN a keyed hash of it. NULL for a badge ordered but not yet taken from stock.
        id_tag text,
        -- Only MIFARE Classic is stored: DESFire and T=CL are refused before (credentials.tags.ts).
        technology text CHECK (technology IN ('mifare_classic')),
        -- Printed on the card (ID*heimbau*1234) or, for a phone, the name the resident gave it.
        label text,
        person_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('ordered', 'awaiting_fee', 'active', 'blocked', 'lost', 'returned')),
        -- platform: issued from the operator's stock; building: a badge the building already used,
        -- registered by staff; auto: registered at its first tap at a terminal.
        origin text NOT NULL CHECK (origin IN ('platform', 'building', 'auto')),
        valid_until timestamptz,
        fee_id uuid,
        request_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        -- An order withdrawn before a badge was taken from stock ends returned without one.
        CONSTRAINT credentials_tag_once_issued CHECK (status IN ('ordered', 'returned') OR id_tag IS NOT NULL),
        CHECK ((type = 'rfid') = (technology IS NOT NULL))
      );
      -- A tag identifies one credential within a tenant ...
      CREATE UNIQUE INDEX credentials_tag ON credentials (tenant_id, id_tag) WHERE id_tag IS NOT NULL;
      -- ... and the same UID in two tenants is found by the operator through this one.
      CREATE INDEX credentials_tag_any_tenant ON credentials (id_tag) WHERE id_tag IS NOT NULL;
      CREATE UNIQUE INDEX credentials_label ON credentials (tenant_id, label) WHERE label IS NOT NULL AND type = 'rfid';
      CREATE INDEX credentials_person ON credentials (tenant_id, person_id);
      -- One live PIN per person, also when two changes of it race.
      CREATE UNIQUE INDEX credentials_one_pin ON credentials (tenant_id, person_id) WHERE type = 'pin' AND status NOT IN ('lost', 'returned');

      CREATE TABLE credential_events (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        credential_id uuid NOT NULL,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        -- Who, when no user acted: 'resident', 'terminal:<device>', 'fee', 'system'.
        actor text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        reason text,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, credential_id) REFERENCES credentials(tenant_id, id)
      );
      CREATE INDEX credential_events_of ON credential_events (tenant_id, credential_id, id);

      CREATE TABLE badge_requests (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('first', 'additional', 'replacement')),
        purpose text NOT NULL CHECK (purpose IN ('laundry', 'charging', 'private_charger')),
        parking_space text,
        charger_serial text,
        note text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
        decided_by uuid,
        decided_at timestamptz,
        reason text,
        credential_id uuid,
        fee_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        CHECK (purpose <> 'private_charger' OR parking_space IS NOT NULL OR charger_serial IS NOT NULL),
        CHECK (status <> 'rejected' OR reason IS NOT NULL)
      );
      CREATE INDEX badge_requests_queue ON badge_requests (tenant_id, status, created_at);

      -- One row per change of what devices must know: the device lists' versions and deltas.
      CREATE TABLE credential_list_changes (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        version bigint NOT NULL,
        credential_id uuid NOT NULL,
        id_tag text NOT NULL,
        -- The OCPP authorisation status a device should hold for the tag from this version on;
        -- NULL: remove it from the list.
        status text CHECK (status IN ('Accepted', 'Blocked', 'Expired')),
        expires_at timestamptz,
        at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, version)
      );
      CREATE INDEX credential_list_changes_tag ON credential_list_changes (tenant_id, id_tag, version);
    `);
    for (const table of ['badge_imports', 'badge_stock', 'credentials', 'credential_events', 'badge_requests', 'credential_list_changes']) {
      await tenantTable(db, table);
    }
    // History is appended, never rewritten.
    await executeScript(db, `
      REVOKE UPDATE, DELETE ON credential_events, credential_list_changes FROM concierge_app, concierge_platform;
    `);
  },
};
