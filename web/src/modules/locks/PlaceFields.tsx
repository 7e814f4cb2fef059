// Where a lock stands: a site and, optionally, one of its units (GET /api/lock-places: the admin
// always, a lock owner once building management is on).
import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface Place { id: string; name: string; units: { id: string; label: string }[] }

interface Props {
  places: Place[];
  siteId: string | null;
  unitId: string | null;
  onChange(siteId: string | null, unitId: string | null): void;
  errors: Record<string, string>;
  disabled?: boolean;
}

export function PlaceFields({ places, siteId, unitId, onChange, errors, disabled }: Props) {
  const { t } = useTranslation('locks');
  const units = places.find((p) => p.id === siteId)?.units ?? [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select label={t('fields.site')} clearable searchable value={siteId} disabled={disabled} error={errors.siteId}
        data={places.map((p) => ({ value: p.id, label: p.name }))} onChange={(value) => onChange(value, null)} />
      <Select label={t('fields.unit')} clearable searchable value={unitId} disabled={disabled || !siteId} error={errors.unitId}
        data={units.map((u) => ({ value: u.id, label: u.label }))} onChange={(value) => onChange(siteId, value)} />
    </SimpleGrid>
  );
}
