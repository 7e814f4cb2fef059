import type { listSites } from './sites.repository.ts';

type SiteRow = Awaited<ReturnType<typeof listSites>>[number];

export function presentSite(site: SiteRow) {
  return {
    id: site.id,
    name: site.name,
    street: site.street,
    postalCode: site.postal_code,
    city: site.city,
    country: site.country,
    accountingUnit: site.accounting_unit,
    languages: site.languages,
    unitCount: Number(site.unit_count ?? 0),
  };
}
