export const UNIT_KINDS = ['flat', 'parking_space', 'laundry_room', 'garage'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string;
  siteId: string;
  siteName: string;
  kind: UnitKind;
  label: string;
  floor: string | null;
  occupancyCount: number;
}
