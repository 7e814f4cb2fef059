import type { findOccupancy } from './occupancies.repository.ts';

type OccupancyRow = NonNullable<Awaited<ReturnType<typeof findOccupancy>>>;

export function presentOccupancy(o: OccupancyRow) {
  return { id: o.id, unitId: o.unit_id, personId: o.person_id, relation: o.relation, startsOn: o.starts_on, endsOn: o.ends_on };
}
