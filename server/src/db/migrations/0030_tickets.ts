// Service tickets (docs/tickets.md): what residents, staff and the system report, who works on
// it, and its whole history. A ticket row holds the current state; every change is also a
// ticket_events row, so the history never has to be reconstructed. Attachments are kept in the
// database (bytea) with their checksum, so a backup holds them too.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

const STATUSES = `'new', 'in_progress', 'waiting', 'resolved', 'closed', 'awaiting_approval', 'declined'`;

export const tickets: Migration = {
  version: 30,
  name: 'tickets',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE tickets (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number integer NOT NULL,
        -- The portal's idempotency key: the same form sent twice opens one ticket.
        client_id uuid,
        category text NOT NULL CHECK (category IN ('appliance_fault', 'badge', 'charger_installation', 'refund', 'account_deletion', 'other')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        status text NOT NULL CHECK (status IN (${STATUSES})),
        source text NOT NULL CHECK (source IN ('portal', 'staff', 'appliance_fault', 'recurring_alarm', 'lost_badge')),
        -- What an automatic ticket is about (an appliance, an alarm rule, a credential): one open at a time.
        source_key text,
        person_id uuid,
        site_id uuid,
        unit_id uuid,
        charger_serial text CHECK (length(charger_serial) BETWEEN 1 AND 64),
        assignee_user_id uuid REFERENCES users(id),
        created_by uuid REFERENCES users(id),
        approval_decision text CHECK (approval_decision IN ('approve', 'decline')),
        approval_reason text,
        approval_by uuid REFERENCES users(id),
        approval_at timestamptz,
        created_at timestamptz NOT NULL,
        -- The last activity: lists show the newest first.
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, number),
        UNIQUE (tenant_id, client_id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id),
        CHECK ((source_key IS NULL) = (source IN ('portal', 'staff'))),
        CHECK ((approval_decision IS NULL) = (approval_at IS NULL))
      );
      -- The office's queue (by status, newest activity first), the resident's and the technician's lists.
      CREATE INDEX tickets_queue ON tickets (tenant_id, status, updated_at DESC);
      CREATE INDEX tickets_activity ON tickets (tenant_id, updated_at DESC);
      CREATE INDEX tickets_person ON tickets (tenant_id, person_id, updated_at DESC) WHERE person_id IS NOT NULL;
      CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_user_id, updated_at DESC) WHERE assignee_user_id IS NOT NULL;
      CREATE UNIQUE INDEX tickets_one_open_automatic ON tickets (tenant_id, source, source_key)
        WHERE source_key IS NOT NULL AND status NOT IN ('resolved', 'closed', 'declined');

      CREATE TABLE ticket_events (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        -- Orders the events of one change, which share their time.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        ticket_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('created', 'comment', 'status', 'assigned', 'approval', 'attachment')),
        -- null: the system (an automatic ticket).
        author_user_id uuid REFERENCES users(id),
        body text CHECK (length(body) <= 10000),
        -- Staff's and technicians' notes that residents never see.
        internal boolean NOT NULL DEFAULT false,
        from_status text CHECK (from_status IN (${STATUSES})),
        to_status text CHECK (to_status IN (${STATUSES})),
        assignee_user_id uuid REFERENCES users(id),
        at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets(tenant_id, id)
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (tenant_id, ticket_id, seq);

      CREATE TABLE ticket_attachments (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL,
        event_id uuid,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
        media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
        size integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets(tenant_id, id),
        FOREIGN KEY (tenant_id, event_id) REFERENCES ticket_events(tenant_id, id),
        CHECK (octet_length(content) = size)
      );
      CREATE INDEX ticket_attachments_ticket ON ticket_attachments (tenant_id, ticket_id);

      -- Which events open a ticket by themselves, and whom it is assigned to. No row: all off.
      CREATE TABLE ticket_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        appliance_fault_enabled boolean NOT NULL DEFAULT false,
        appliance_fault_assignee uuid REFERENCES users(id),
        recurring_alarm_enabled boolean NOT NULL DEFAULT false,
        recurring_alarm_assignee uuid REFERENCES users(id),
        recurring_alarm_times integer NOT NULL DEFAULT 3 CHECK (recurring_alarm_times BETWEEN 2 AND 20),
        recurring_alarm_days integer NOT NULL DEFAULT 7 CHECK (recurring_alarm_days BETWEEN 1 AND 90),
        lost_badge_enabled boolean NOT NULL DEFAULT false,
        lost_badge_assignee uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      );
    `);
    for (const table of ['tickets', 'ticket_events', 'ticket_attachments', 'ticket_settings']) await tenantTable(db, table);
  },
};
