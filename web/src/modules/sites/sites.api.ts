// The site as the API presents it, and the countries a site may lie in.
import type { Language } from '../../i18n/index.ts';

export interface Site {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  accountingUnit: string | null;
  /** The languages its laundry rooms' and garages' printed instructions come in. */
  languages: Language[];
  unitCount: number;
}

export type SiteInput = Omit<Site, 'id' | 'unitCount'>;

export const COUNTRIES = ['AT', 'CH', 'DE', 'FR', 'NL', 'PL', 'BE', 'LU', 'IT'] as const;
