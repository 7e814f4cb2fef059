// The fields of the logged-in user that leave the server.
import type { Actor } from '../../http/actor.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import type { describeMe } from './auth.usecases.ts';

export function presentMe(actor: Actor, me: Awaited<ReturnType<typeof describeMe>>, csrfToken: string | null, secondFactorPending: boolean) {
  const tenant = me.memberships.find((m) => m.tenant_id === actor.tenantId);
  return {
    user: {
      id: me.user.id,
      email: me.user.email,
      displayName: me.user.display_name,
      language: me.user.language,
      landline: me.user.landline,
      mobile: me.user.mobile,
      twoFactorEnabled: me.user.totp_enabled_at !== null,
    },
    platformRole: actor.platformRole,
    role: actor.role,
    personId: actor.personId,
    customerNumber: me.customerNumber,
    tenant: tenant
      ? { id: tenant.tenant_id, name: tenant.tenant_name, currency: tenant.currency, country: tenant.country, language: tenant.default_language, shortCode: tenant.short_code, operatingMode: tenant.operating_mode,
        // The zone the tenant's days, weeks and months are counted in (metering, billing periods).
        timeZone: timeZoneOf(tenant.country) }
      : null,
    memberships: me.memberships.map((m) => ({ tenantId: m.tenant_id, tenantName: m.tenant_name, role: m.role })),
    csrfToken,
    secondFactorPending,
  };
}
