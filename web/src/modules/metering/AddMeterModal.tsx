// The office adds a meter to a site, or to one of its flats and rooms: name, serial number (how
// readings name it), medium, unit, and whether it is a register or sends the consumption of
// fixed intervals. The server's refusals show on the fields they concern.
import { Alert, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Site } from '../sites/sites.api.ts';
import type { Unit } from '../units/units.api.ts';
import { DEFAULT_UNIT, INTERVALS, MEDIA, METER_KINDS, METER_UNITS, unitSymbol, type Medium, type Meter, type MeterKind, type MeterUnit } from './metering.api.ts';

/** Refusals that concern one field: said there in our words rather than as "please check". */
const FIELD_CODES: Record<string, string> = { 'meters.serial_taken': 'serial', 'meters.interval_minutes': 'intervalMinutes' };
const FIELDS = ['siteId', 'unitId', 'name', 'serial', 'medium', 'unit', 'kind', 'intervalMinutes'];

interface Props { sites: Site[]; siteId: string | null; onClose(): void; onAdded(meter: Meter): Promise<void> | void }

export function AddMeterModal({ sites, siteId: initialSite, onClose, onAdded }: Props) {
  const { t } = useTranslation('metering');
  const [siteId, setSiteId] = useState<string | null>(initialSite);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [serial, setSerial] = useState('');
  const [medium, setMedium] = useState<Medium>('heat');
  const [unit, setUnit] = useState<MeterUnit>('kWh');
  const [kind, setKind] = useState<MeterKind>('register');
  const [interval, setIntervalMinutes] = useState('15');
  const units = useLoad<Unit[]>(siteId ? `/api/sites/${siteId}/units` : null);
  const serialInvalid = /\s/.test(serial.trim());

  const { busy, error, fields, submit } = useSubmit(t, async () => {
    const meter = await post<Meter>('/api/meters', {
      siteId, unitId, name: name.trim(), serial: serial.trim(), medium, unit, kind, intervalMinutes: kind === 'interval' ? Number(interval) : null,
    });
    notifications.show({ color: 'green', message: t('add.done', { name: meter.name }) });
    await onAdded(meter);
    onClose();
  });
  const own = error instanceof ApiError ? FIELD_CODES[error.code] : undefined;
  const fieldError = (field: string) => (own === field ? errorText(t, error) : fields[field]);
  // The alert says what no field shows.
  const shownOnFields = error instanceof ApiError && (own !== undefined || (error.fields.length > 0 && error.fields.every((f) => FIELDS.includes(f.field.split('.')[0]!))));

  return (
    <Modal opened onClose={onClose} title={t('add.title')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && !shownOnFields && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('fields.site')} required allowDeselect={false} data={sites.map((s) => ({ value: s.id, label: s.name }))} value={siteId}
              onChange={(value) => { setSiteId(value); setUnitId(null); }} error={fieldError('siteId')} />
            <Select label={t('fields.place')} description={t('fields.placeHint')} clearable placeholder={t('fields.wholeSite')} disabled={!siteId}
              data={(units.data ?? []).map((u) => ({ value: u.id, label: u.label }))} value={unitId} onChange={setUnitId} error={fieldError('unitId')} />
            <TextInput label={t('fields.name')} required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)}
              placeholder={t('fields.namePlaceholder')} error={fieldError('name')} data-autofocus />
            <TextInput label={t('fields.serial')} description={t('fields.serialHint')} required maxLength={64} value={serial}
              onChange={(e) => setSerial(e.currentTarget.value)} error={serialInvalid ? t('fields.serialSpaces') : fieldError('serial')} />
            <Select label={t('fields.medium')} required allowDeselect={false} value={medium} error={fieldError('medium')}
              data={MEDIA.map((m) => ({ value: m, label: t(`media.${m}`) }))} onChange={(value) => { if (value) { setMedium(value as Medium); setUnit(DEFAULT_UNIT[value as Medium]); } }} />
            <Select label={t('fields.unit')} required allowDeselect={false} value={unit} error={fieldError('unit')}
              data={METER_UNITS.map((u) => ({ value: u, label: unitSymbol(u) }))} onChange={(value) => value && setUnit(value as MeterUnit)} />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="meter-kind">{t('fields.kind')}</Text>
            <SegmentedControl aria-labelledby="meter-kind" value={kind} onChange={(value) => setKind(value as MeterKind)}
              data={METER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
            <Text size="xs" c="dimmed">{t(`kinds.${kind}Hint`)}</Text>
            {fieldError('kind') && <Text size="xs" c="red">{fieldError('kind')}</Text>}
          </Stack>
          {kind === 'interval' && (
            <Select label={t('fields.interval')} required allowDeselect={false} value={interval} onChange={(value) => value && setIntervalMinutes(value)}
              data={INTERVALS.map((m) => ({ value: String(m), label: t('fields.minutes', { minutes: m }) }))} error={fieldError('intervalMinutes')} w={{ base: '100%', sm: 240 }} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!siteId || !name.trim() || !serial.trim() || serialInvalid}>{t('add.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
