// One device: what it reported, its registration, its appliances with live status, commands and
// their history; staff also change it, give it a new password, or delete it if it was never used.
import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { del, post } from '../../api.ts';
import { isManager, useSession } from '../../app/session.tsx';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { AppliancesCard } from './AppliancesCard.tsx';
import { CommandHistory } from './CommandHistory.tsx';
import { CommandsCard } from './CommandsCard.tsx';
import type { CommandRecord, Device } from './devices.api.ts';
import { DeviceEditForm } from './DeviceEditForm.tsx';
import { DeviceFacts } from './DeviceFacts.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { RegistrationActions } from './RegistrationActions.tsx';
import { useLiveAppliances } from './useLiveAppliances.ts';

export function DeviceDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation('devices');
  const { me } = useSession();
  const navigate = useNavigate();
  const device = useLoad<Device>(`/api/devices/${id}`);
  const commands = useLoad<CommandRecord[]>(`/api/devices/${id}/commands`);
  const live = useLiveAppliances(device.data?.siteId);
  const [confirm, setConfirm] = useState<'password' | 'delete' | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const manager = isManager(me);

  if (device.loading && !device.data) return <Loading />;
  if (device.error || !device.data) return <LoadError message={errorText(t, device.error)} />;
  const d = device.data;
  const changed = async () => { await device.reload(); };

  return (
    <Page title={d.name} actions={<>
      <Anchor component={Link} to="/devices">{t('back')}</Anchor>
      {manager && <Button variant="default" onClick={() => setConfirm('password')}>{t('password.reset')}</Button>}
      {manager && <Button color="red" variant="light" onClick={() => setConfirm('delete')}>{t('delete.button')}</Button>}
    </>}>
      {d.registration !== 'accepted' && (
        <Alert color={d.registration === 'pending' ? 'yellow' : 'red'} title={t(`registration.${d.registration}Title`)}>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">{t(`registration.${d.registration}Text`)}</Text>
            {manager && <RegistrationActions device={d} onChanged={changed} />}
          </Group>
        </Alert>
      )}
      <DeviceFacts device={d} />
      <AppliancesCard device={d} live={live} editable={manager} onChanged={changed} />
      {manager && <CommandsCard device={d} onSent={commands.reload} />}
      <CommandHistory commands={commands.data ?? []} />
      {manager && <DeviceEditForm key={`${d.name}|${d.unitId}|${d.idleEndMinutes}|${d.impulseEndMinutes}|${d.heartbeatSeconds}`} device={d} onSaved={changed} />}
      <ConfirmModal opened={confirm === 'password'} onClose={() => setConfirm(null)} namespace="devices" color="orange" title={t('password.reset')}
        message={t('password.resetConfirm', { name: d.name })} confirmLabel={t('password.resetSubmit')}
        onConfirm={async () => { setPassword((await post<{ password: string }>(`/api/devices/${d.id}/password`)).password); await changed(); }} />
      <ConfirmModal opened={confirm === 'delete'} onClose={() => setConfirm(null)} namespace="devices" title={t('delete.button')}
        message={t('delete.confirm', { name: d.name, identity: d.identity })} confirmLabel={t('common:delete')}
        onConfirm={async () => { await del(`/api/devices/${d.id}`); navigate('/devices'); }} />
      {password && <OneTimePassword identity={d.identity} password={password} onClose={() => setPassword(null)} />}
    </Page>
  );
}
