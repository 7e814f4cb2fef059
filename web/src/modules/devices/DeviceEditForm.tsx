// Name, room and timings of a device: when an idle energy appliance or an impulse output ends its
// session on its own, and how often the device sends a heartbeat (it learns that at its next boot).
import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Device } from './devices.api.ts';
import { RoomSelect } from './RoomSelect.tsx';

export function DeviceEditForm({ device, onSaved }: { device: Device; onSaved(): Promise<void> }) {
  const { t } = useTranslation('devices');
  const [name, setName] = useState(device.name);
  const [unitId, setUnitId] = useState(device.unitId);
  const [idle, setIdle] = useState<string | number>(device.idleEndMinutes);
  const [impulse, setImpulse] = useState<string | number>(device.impulseEndMinutes);
  const [heartbeat, setHeartbeat] = useState<string | number>(device.heartbeatSeconds);
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    await patch(`/api/devices/${device.id}`, { name: name.trim(), unitId, idleEndMinutes: Number(idle), impulseEndMinutes: Number(impulse), heartbeatSeconds: Number(heartbeat) });
    notifications.show({ color: 'green', message: t('common:saved') });
    await onSaved();
  });
  return (
    <Paper withBorder p="md" component="section" aria-label={t('edit.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('edit.title')}</Title>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.name')} required value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} />
            <RoomSelect siteId={device.siteId} kind={device.kind} value={unitId} onChange={setUnitId} error={fields.unitId} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('edit.idleEndMinutes')} description={t('edit.idleEndHint')} min={1} max={1440} allowDecimal={false} value={idle} onChange={setIdle} error={fields.idleEndMinutes} />
            <NumberInput label={t('edit.impulseEndMinutes')} description={t('edit.impulseEndHint')} min={1} max={240} allowDecimal={false} value={impulse} onChange={setImpulse} error={fields.impulseEndMinutes} />
            <NumberInput label={t('edit.heartbeatSeconds')} description={t('edit.heartbeatHint')} min={10} max={86400} allowDecimal={false} value={heartbeat} onChange={setHeartbeat} error={fields.heartbeatSeconds} />
          </SimpleGrid>
          <Group justify="flex-end"><Button type="submit" loading={busy} disabled={!name.trim()}>{t('common:save')}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
