// The room of a device: a unit of its site of a kind the device may sit in, or none.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../ui/load.ts';
import type { Unit } from '../units/units.api.ts';
import { ROOM_KINDS, type DeviceKind } from './devices.api.ts';

interface Props { siteId: string | null; kind: DeviceKind; value: string | null; onChange(unitId: string | null): void; error?: string }

export function RoomSelect({ siteId, kind, value, onChange, error }: Props) {
  const { t } = useTranslation('devices');
  const units = useLoad<Unit[]>(siteId ? `/api/sites/${siteId}/units` : null);
  const rooms = (units.data ?? []).filter((u) => ROOM_KINDS[kind].includes(u.kind));
  return (
    <Select label={t('fields.room')} description={t(`fields.roomHint.${kind}`)} clearable placeholder={t('fields.noRoom')}
      data={rooms.map((u) => ({ value: u.id, label: u.label }))} value={rooms.some((u) => u.id === value) ? value : null}
      onChange={onChange} disabled={!siteId} error={error} />
  );
}
