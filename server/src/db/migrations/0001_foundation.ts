// The ground floor: roles, tenants, sites, units, people, logins, sessions, audit and mail.
import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  async up(db) {
    await executeScript(db, `
      -- Roles belong to the whole server, which other databases may be migrating at this moment:
      -- whoever comes second finds the role there (or waits and then does) and goes on.
      DO $$ BEGIN
        BEGIN CREATE ROLE concierge_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        BEGIN CREATE ROLE concierge_platform NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        BEGIN GRANT concierge_app, concierge_platform TO current_user; EXCEPTION WHEN unique_violation THEN NULL; END;
      END $$;
      GRANT USAGE ON SCHEMA public TO concierge_app, concierge_platform;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO concierge_app, concierge_platform;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO concierge_app, concierge_platform;

      -- The tenant of the current transaction, or NULL when none is set.
      CREATE FUNCTION app_tenant() RETURNS uuid LANGUAGE sql STABLE
        AS $f$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $f$;

      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        short_code text NOT NULL UNIQUE CHECK (short_code ~ '^[a-z0-9]{2,16}$'),
        country char(2) NOT NULL CHECK (country IN ('AT','CH','DE','FR','NL','PL','BE','LU','IT')),
        currency char(3) NOT NULL CHECK (currency IN ('EUR','CHF','PLN')),
        default_language text NOT NULL CHECK (default_language IN ('de','fr','nl','pl','en')),
        operating_mode text NOT NULL CHECK (operating_mode IN ('platform_billing', 'owner_statements')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON tenants
        USING (id = app_tenant() OR current_user = 'concierge_platform');

      -- Gapless per-tenant counters (customer numbers now, invoice numbers later).
      CREATE TABLE tenant_counters (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        value bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, name)
      );

      CREATE TABLE sites (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        street text NOT NULL,
        postal_code text NOT NULL,
        city text NOT NULL,
        country char(2) NOT NULL,
        accounting_unit text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );

      CREATE TABLE units (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('flat', 'parking_space', 'laundry_room', 'garage')),
        label text NOT NULL,
        floor text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id),
        UNIQUE (tenant_id, site_id, label)
      );

      CREATE TABLE people (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        customer_number text NOT NULL UNIQUE,
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text,
        landline text,
        mobile text,
        language text NOT NULL CHECK (language IN ('de','fr','nl','pl','en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX people_email ON people (tenant_id, lower(email));

      CREATE TABLE occupancies (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        person_id uuid NOT NULL,
        relation text NOT NULL DEFAULT 'tenant' CHECK (relation IN ('tenant', 'owner', 'holder')),
        starts_on date NOT NULL,
        ends_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      );

      -- Organisations and lock owners: parties that later hold digital keys.
      CREATE TABLE parties (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('organisation', 'lock_owner')),
        name text NOT NULL,
        person_id uuid,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
      );

      -- Logins are global: one e-mail, one password, possibly several property managers.
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text,
        display_name text NOT NULL,
        language text NOT NULL DEFAULT 'en' CHECK (language IN ('de','fr','nl','pl','en')),
        platform_role text CHECK (platform_role IN ('operator_admin')),
        landline text,
        mobile text,
        totp_secret text,
        totp_enabled_at timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email ON users (lower(email));

      CREATE TABLE memberships (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL REFERENCES users(id),
        role text NOT NULL CHECK (role IN ('manager_admin', 'manager_staff', 'resident', 'technician')),
        person_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
      );
      CREATE INDEX memberships_user ON memberships (user_id);

      -- A technician sees only the sites (and later tickets) assigned to it.
      CREATE TABLE technician_sites (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        site_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, user_id, site_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES memberships(tenant_id, user_id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id)
      );

      CREATE TABLE sessions (
        id text PRIMARY KEY,             -- sha256 of the cookie token, never the token itself
        user_id uuid NOT NULL REFERENCES users(id),
        tenant_id uuid REFERENCES tenants(id),
        csrf_token text NOT NULL,
        second_factor_pending boolean NOT NULL DEFAULT false,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);

      CREATE TABLE login_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid REFERENCES users(id),
        email text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'wrong_password', 'unknown_email', 'locked', 'second_factor_failed', 'second_factor_success')),
        ip text,
        user_agent text,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_events_user ON login_events (user_id, at DESC);
      CREATE INDEX login_events_email ON login_events (lower(email), at DESC);

      CREATE TABLE recovery_codes (
        user_id uuid NOT NULL REFERENCES users(id),
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      );

      -- Single-use e-mailed tokens: password reset, e-mail change confirmation.
      CREATE TABLE user_tokens (
        id text PRIMARY KEY,             -- sha256 of the token
        user_id uuid NOT NULL REFERENCES users(id),
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
        payload jsonb NOT NULL DEFAULT '{}',
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE invitations (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('manager_admin', 'manager_staff', 'resident', 'technician')),
        person_id uuid,
        token_hash text NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
      );

      CREATE TABLE access_requests (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        email text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
      );

      CREATE TABLE api_tokens (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        scopes text[] NOT NULL,
        token_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );

      CREATE TABLE audit_events (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id bigint GENERATED ALWAYS AS IDENTITY,
        actor_user_id uuid REFERENCES users(id),
        actor_label text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX audit_events_at ON audit_events (tenant_id, at DESC);

      -- Mail goes out over SMTP when configured; the outbox keeps every mail either way.
      CREATE TABLE mail_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        recipient text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        error text
      );
    `);

    for (const table of ['tenant_counters', 'sites', 'units', 'people', 'occupancies', 'parties', 'memberships',
      'technician_sites', 'invitations', 'access_requests', 'api_tokens', 'audit_events']) {
      await tenantTable(db, table);
    }
    // Platform tables: only the platform role reads and writes them.
    for (const table of ['users', 'sessions', 'login_events', 'recovery_codes', 'user_tokens', 'mail_outbox']) {
      await sql`REVOKE ALL ON ${sql.table(table)} FROM concierge_app`.execute(db);
    }
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO concierge_platform`.execute(db);
    await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO concierge_platform`.execute(db);
  },
};
