// Notification preferences: per user and kind of event, whether it reaches the portal's
// notification centre, e-mail and SMS. A missing row means the kind's defaults
// (modules/notifications/notifications.kinds.ts), so only a user's changes are stored.
//
// Users are platform rows the tenant role cannot read. Telling a member about an event inside the
// tenant's transaction needs their address and language: member_contacts() returns exactly that,
// and only for members of the tenant the transaction is in (app_tenant()), nothing else of users.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const notificationPreferences: Migration = {
  version: 31,
  name: 'notification_preferences',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE notification_preferences (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('ticket', 'alarm', 'session_receipt', 'invoice', 'badge')),
        portal boolean NOT NULL,
        email boolean NOT NULL,
        sms boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, kind)
      );

      CREATE FUNCTION member_contacts(p_users uuid[])
        RETURNS TABLE (user_id uuid, email text, display_name text, language text, mobile text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT u.id, u.email, u.display_name, u.language, u.mobile
          FROM users u
          WHERE u.id = ANY (p_users) AND u.disabled_at IS NULL
            AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.tenant_id = app_tenant())
          ORDER BY u.id
        $$;
      REVOKE ALL ON FUNCTION member_contacts(uuid[]) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION member_contacts(uuid[]) TO concierge_app, concierge_platform;
    `);
    await tenantTable(db, 'notification_preferences');
  },
};
