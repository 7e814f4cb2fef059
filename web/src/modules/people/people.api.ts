import type { Language } from '../../i18n/index.ts';

export interface Person {
  id: string;
  customerNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  landline: string | null;
  mobile: string | null;
  language: Language;
  /** Set for a business customer: their invoices name the company (and may carry a Factur-X e-invoice). */
  companyName: string | null;
  vatId: string | null;
}

export interface Occupancy {
  id: string;
  unitId: string;
  unitLabel: string;
  siteId: string;
  siteName: string;
  relation: 'tenant' | 'owner' | 'holder';
  startsOn: string;
  endsOn: string | null;
}

export interface PersonDetail extends Person { occupancies: Occupancy[] }

export type PersonInput = Omit<Person, 'id' | 'customerNumber'>;
