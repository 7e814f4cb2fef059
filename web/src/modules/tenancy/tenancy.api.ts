export const TENANT_COUNTRIES = ['AT', 'CH', 'DE', 'FR', 'NL', 'PL', 'BE', 'LU', 'IT'] as const;
export const CURRENCIES = ['EUR', 'CHF', 'PLN'] as const;
export const OPERATING_MODES = ['platform_billing', 'owner_statements'] as const;

export interface Tenant {
  id: string;
  name: string;
  shortCode: string;
  country: string;
  currency: string;
  defaultLanguage: string;
  operatingMode: string;
  createdAt: string;
  siteCount?: number;
  unitCount?: number;
  peopleCount?: number;
}
