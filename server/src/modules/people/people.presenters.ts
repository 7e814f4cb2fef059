import type { findPerson, occupanciesOfPerson } from './people.repository.ts';

type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;
type OccupancyRow = Awaited<ReturnType<typeof occupanciesOfPerson>>[number];

export function presentPerson(person: PersonRow) {
  return {
    id: person.id,
    customerNumber: person.customer_number,
    firstName: person.first_name,
    lastName: person.last_name,
    email: person.email,
    landline: person.landline,
    mobile: person.mobile,
    language: person.language,
    companyName: person.company_name,
    vatId: person.vat_id,
  };
}

export function presentPersonDetail(person: PersonRow & { occupancies: OccupancyRow[] }) {
  return {
    ...presentPerson(person),
    occupancies: person.occupancies.map((o) => ({
      id: o.id, unitId: o.unit_id, unitLabel: o.unit_label, siteId: o.site_id, siteName: o.site_name,
      relation: o.relation, startsOn: o.starts_on, endsOn: o.ends_on,
    })),
  };
}
