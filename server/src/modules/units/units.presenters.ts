import type { findUnit } from './units.repository.ts';

type UnitRow = NonNullable<Awaited<ReturnType<typeof findUnit>>>;

export function presentUnit(unit: UnitRow) {
  return {
    id: unit.id,
    siteId: unit.site_id,
    siteName: unit.site_name,
    kind: unit.kind,
    label: unit.label,
    floor: unit.floor,
    occupancyCount: Number(unit.occupancy_count ?? 0),
  };
}
