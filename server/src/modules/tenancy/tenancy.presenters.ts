import type { findTenant, findTenantWithCounts } from './tenancy.repository.ts';

type TenantRow = NonNullable<Awaited<ReturnType<typeof findTenant>>>;
type TenantCountsRow = NonNullable<Awaited<ReturnType<typeof findTenantWithCounts>>>;

export function presentTenant(t: TenantRow) {
  return {
    id: t.id, name: t.name, shortCode: t.short_code, country: t.country, currency: t.currency,
    defaultLanguage: t.default_language, operatingMode: t.operating_mode, createdAt: new Date(t.created_at).toISOString(),
  };
}

export function presentTenantWithCounts(t: TenantCountsRow) {
  return { ...presentTenant(t), siteCount: Number(t.site_count ?? 0), unitCount: Number(t.unit_count ?? 0), peopleCount: Number(t.people_count ?? 0) };
}
