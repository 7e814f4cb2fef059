// Registers a terminal or charger under the identity it will connect with; answers its password
// once, to be entered at the device together with the gateway's address.
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Site } from '../sites/sites.api.ts';
import { DEVICE_KINDS, type Device, type DeviceKind } from './devices.api.ts';
import { OneTimePassword } from './OneTimePassword.tsx';
import { RoomSelect } from './RoomSelect.tsx';

interface Props { onClose(): void; onCreated(): Promise<void> }

export function NewDeviceModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation('devices');
  const navigate = useNavigate();
  const sites = useLoad<Site[]>('/api/sites');
  const [kind, setKind] = useState<DeviceKind>('laundry_terminal');
  const [identity, setIdentity] = useState('');
  const [name, setName] = useState('');
  const [siteId, setSiteId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [created, setCreated] = useState<{ device: Device; password: string } | null>(null);
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    const answer = await post<{ device: Device; password: string }>('/api/devices', { identity: identity.trim(), kind, siteId, unitId, name: name.trim() });
    setCreated(answer);
    await onCreated();
  });

  if (created) {
    return <OneTimePassword identity={created.device.identity} password={created.password} onClose={onClose}
      actions={<Button variant="default" onClick={() => navigate(`/devices/${created.device.id}`)}>{t('new.open')}</Button>} />;
  }
  return (
    <Modal opened onClose={onClose} title={t('new.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('fields.kind')}</Text>
            <SegmentedControl value={kind} onChange={(value) => { setKind(value as DeviceKind); setUnitId(null); }}
              data={DEVICE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          </Stack>
          <TextInput label={t('fields.identity')} description={t('fields.identityHint')} required value={identity} maxLength={48}
            onChange={(e) => setIdentity(e.currentTarget.value)} error={fields.identity} data-autofocus />
          <TextInput label={t('fields.name')} required value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} />
          <Select label={t('fields.site')} required data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} value={siteId}
            onChange={(value) => { setSiteId(value); setUnitId(null); }} error={fields.siteId} />
          <RoomSelect siteId={siteId} kind={kind} value={unitId} onChange={setUnitId} error={fields.unitId} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!identity.trim() || !name.trim() || !siteId}>{t('new.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
