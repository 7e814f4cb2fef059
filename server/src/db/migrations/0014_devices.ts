// The device gateway's data: terminals and chargers (OCPP charge points) with their appliances
// (one per connector), tariffs per site and appliance kind, usage sessions with the tariff frozen
// and the ledger holds that pay for them, meter samples, reservations, and the commands staff
// send to devices. A device is found by its identity before its tenant is known, so
// `devices_identity` is unique across tenants and the gateway reads it as the platform.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const devices: Migration = {
  version: 14,
  name: 'devices',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE tenant_settings
        -- EV charging on prepaid sites: what Authorize needs on the wallet, and how much each hold takes.
        ADD COLUMN charging_min_balance_minor bigint NOT NULL DEFAULT 500 CHECK (charging_min_balance_minor >= 0),
        ADD COLUMN charging_hold_step_minor bigint NOT NULL DEFAULT 1000 CHECK (charging_hold_step_minor > 0),
        -- What happens when an appliance reports a fault.
        ADD COLUMN fault_action text NOT NULL DEFAULT 'notify_staff' CHECK (fault_action IN ('none', 'notify_staff'));

      -- prepaid: charging is paid from the wallet as it happens; postpaid: recorded for the invoice.
      ALTER TABLE sites ADD COLUMN charging_billing text NOT NULL DEFAULT 'prepaid' CHECK (charging_billing IN ('prepaid', 'postpaid'));

      CREATE TABLE devices (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        -- The last segment of the device's URL (/ocpp/{identity}); OCPP's chargeBoxIdentity.
        identity text NOT NULL CHECK (identity ~ '^[A-Za-z0-9._:-]{1,48}$'),
        kind text NOT NULL CHECK (kind IN ('laundry_terminal', 'charger')),
        site_id uuid NOT NULL,
        -- The laundry room or garage.
        unit_id uuid,
        name text NOT NULL,
        -- argon2id of the device's password (OCPP security profiles 1 and 2); NULL: no password set, connections refused.
        password_hash text,
        -- pending until staff accept what the device reported at boot.
        registration text NOT NULL DEFAULT 'pending' CHECK (registration IN ('pending', 'accepted', 'rejected')),
        vendor text,
        model text,
        serial_number text,
        firmware_version text,
        iccid text,
        imsi text,
        meter_type text,
        meter_serial_number text,
        firmware_status text,
        diagnostics_status text,
        -- Auto-end: an energy appliance drawing nothing this long; an impulse appliance this long after its start.
        idle_end_minutes integer NOT NULL DEFAULT 90 CHECK (idle_end_minutes > 0),
        impulse_end_minutes integer NOT NULL DEFAULT 5 CHECK (impulse_end_minutes > 0),
        heartbeat_seconds integer NOT NULL DEFAULT 300 CHECK (heartbeat_seconds > 0),
        -- The local authorisation list the device holds (SendLocalList), and how long it may be.
        local_list_version bigint NOT NULL DEFAULT 0,
        local_list_max_length integer,
        last_boot_at timestamptz,
        last_seen_at timestamptz,
        -- The gateway process holding the connection; NULL: offline.
        connected_node text,
        connected_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id)
      );
      CREATE UNIQUE INDEX devices_identity ON devices (identity);
      CREATE INDEX devices_site ON devices (tenant_id, site_id);

      -- One per connector: a washer, dryer or ironing station switched by a terminal, or a charger's outlet.
      CREATE TABLE appliances (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        device_id uuid NOT NULL,
        connector_id integer NOT NULL CHECK (connector_id BETWEEN 1 AND 99),
        kind text NOT NULL CHECK (kind IN ('washer', 'dryer', 'ironer', 'ev_connector')),
        metering text NOT NULL CHECK (metering IN ('energy', 'time', 'impulse')),
        name text NOT NULL,
        -- What the device last said (OCPP ChargePointStatus and error code) and when.
        ocpp_status text,
        error_code text,
        vendor_error_code text,
        status_info text,
        status_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, device_id, connector_id),
        FOREIGN KEY (tenant_id, device_id) REFERENCES devices(tenant_id, id) ON DELETE CASCADE,
        CHECK (kind <> 'ev_connector' OR metering IN ('energy', 'time'))
      );

      -- Prices per site and appliance kind for a period. unit_price_minor is per kWh (energy),
      -- per hour (time) or per impulse; VAT is included in the price, vat_rate_bp says how much.
      CREATE TABLE tariffs (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        appliance_kind text NOT NULL CHECK (appliance_kind IN ('washer', 'dryer', 'ironer', 'ev_connector')),
        metering text NOT NULL CHECK (metering IN ('energy', 'time', 'impulse')),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        session_fee_minor bigint NOT NULL DEFAULT 0 CHECK (session_fee_minor >= 0),
        vat_rate_bp integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id),
        CHECK (valid_to IS NULL OR valid_to > valid_from)
      );
      CREATE INDEX tariffs_lookup ON tariffs (tenant_id, site_id, appliance_kind, valid_from DESC);

      -- OCPP transactionIds are integers the Central System assigns, unique across all devices.
      CREATE SEQUENCE ocpp_transaction_ids AS integer START 1000;
      -- OCPP reservationIds are the Central System's too.
      CREATE SEQUENCE ocpp_reservation_ids AS integer START 1;

      -- A wash, a drying, a charge: from pre-selection (or StartTransaction) to its charge.
      CREATE TABLE usage_sessions (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        device_id uuid NOT NULL,
        appliance_id uuid NOT NULL,
        connector_id integer NOT NULL,
        transaction_id integer,
        id_tag text NOT NULL,
        credential_id uuid,
        person_id uuid,
        status text NOT NULL CHECK (status IN ('preselected', 'active', 'completed', 'refused', 'cancelled')),
        -- prepaid: paid from the wallet through holds; postpaid: recorded for the invoice.
        billing text NOT NULL CHECK (billing IN ('prepaid', 'postpaid')),
        -- how it was started: at the device, from the portal, or replayed by a device that was offline
        origin text NOT NULL DEFAULT 'device' CHECK (origin IN ('device', 'portal', 'offline')),
        -- The tariff, frozen when the price was shown.
        tariff_id uuid,
        metering text NOT NULL CHECK (metering IN ('energy', 'time', 'impulse')),
        unit_price_minor bigint NOT NULL,
        session_fee_minor bigint NOT NULL,
        vat_rate_bp integer NOT NULL,
        currency char(3) NOT NULL,
        -- The maximum chosen before the start: Wh, minutes or impulses.
        preselect_quantity bigint,
        held_minor bigint NOT NULL DEFAULT 0,
        -- When the device said it started (may be old for offline transactions) and the register then.
        started_at timestamptz,
        meter_start_wh bigint,
        last_meter_wh bigint,
        last_meter_at timestamptz,
        -- The last time the appliance drew energy (auto-end of energy appliances).
        last_draw_at timestamptz,
        stop_requested_at timestamptz,
        stopped_at timestamptz,
        meter_stop_wh bigint,
        stop_reason text,
        ended_by text CHECK (ended_by IN ('device', 'user', 'staff', 'idle', 'booked_time', 'impulse_time', 'balance', 'offline')),
        -- What was consumed (Wh, minutes or impulses) and charged.
        quantity bigint,
        amount_minor bigint,
        -- Charged beyond the holds while the wallet could not cover it: recorded debt.
        debt_minor bigint NOT NULL DEFAULT 0,
        reservation_id integer,
        refusal text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, device_id) REFERENCES devices(tenant_id, id),
        FOREIGN KEY (tenant_id, appliance_id) REFERENCES appliances(tenant_id, id)
      );
      CREATE UNIQUE INDEX usage_sessions_transaction ON usage_sessions (transaction_id) WHERE transaction_id IS NOT NULL;
      -- A StartTransaction sent twice (a retry, an offline replay) finds the session it made.
      CREATE UNIQUE INDEX usage_sessions_start_once ON usage_sessions (tenant_id, device_id, connector_id, id_tag, started_at)
        WHERE started_at IS NOT NULL;
      CREATE INDEX usage_sessions_person ON usage_sessions (tenant_id, person_id, created_at DESC);
      CREATE INDEX usage_sessions_running ON usage_sessions (tenant_id, appliance_id) WHERE status IN ('preselected', 'active');
      CREATE INDEX usage_sessions_credential_running ON usage_sessions (tenant_id, credential_id) WHERE status IN ('preselected', 'active');

      -- The holds that pay for a prepaid session: one at pre-selection, more as a charge goes on.
      CREATE TABLE session_holds (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        session_id uuid NOT NULL,
        hold_id uuid NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, session_id, hold_id),
        FOREIGN KEY (tenant_id, session_id) REFERENCES usage_sessions(tenant_id, id)
      );

      -- Energy register and power as MeterValues reported them.
      CREATE TABLE meter_samples (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        session_id uuid NOT NULL,
        sampled_at timestamptz NOT NULL,
        energy_wh bigint,
        power_w integer,
        PRIMARY KEY (tenant_id, session_id, sampled_at)
      );

      CREATE TABLE reservations (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id integer NOT NULL,
        device_id uuid NOT NULL,
        appliance_id uuid NOT NULL,
        connector_id integer NOT NULL,
        person_id uuid NOT NULL,
        id_tag text NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('requested', 'accepted', 'refused', 'cancelled', 'used', 'expired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, device_id) REFERENCES devices(tenant_id, id),
        FOREIGN KEY (tenant_id, appliance_id) REFERENCES appliances(tenant_id, id)
      );
      CREATE UNIQUE INDEX reservations_id ON reservations (id);

      -- What staff (or the system) asked a device to do, and what it answered.
      CREATE TABLE device_commands (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        device_id uuid NOT NULL,
        action text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'answered', 'failed', 'offline')),
        result jsonb,
        error text,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, device_id) REFERENCES devices(tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX device_commands_recent ON device_commands (tenant_id, device_id, created_at DESC);
    `);
    for (const table of ['devices', 'appliances', 'tariffs', 'usage_sessions', 'session_holds', 'meter_samples', 'reservations', 'device_commands']) {
      await tenantTable(db, table);
    }
    await executeScript(db, `
      GRANT USAGE, SELECT ON SEQUENCE ocpp_transaction_ids, ocpp_reservation_ids TO concierge_app, concierge_platform;
    `);
  },
};
