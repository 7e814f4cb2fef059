// Accept or turn away a device that booted and waits; turning away asks first.
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import type { Device } from './devices.api.ts';

export function RegistrationActions({ device, onChanged }: { device: Device; onChanged(): Promise<void> }) {
  const { t } = useTranslation('devices');
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    try {
      await post(`/api/devices/${device.id}/accept`);
      notifications.show({ color: 'green', message: t('registration.acceptedDone', { name: device.name }) });
      await onChanged();
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs">
      {device.registration !== 'accepted' && <Button size="xs" color="green" loading={busy} onClick={() => void accept()} aria-label={t('registration.acceptNamed', { name: device.name })}>{t('registration.accept')}</Button>}
      {device.registration !== 'rejected' && <Button size="xs" color="red" variant="light" onClick={() => setRejecting(true)} aria-label={t('registration.rejectNamed', { name: device.name })}>{t('registration.reject')}</Button>}
      <ConfirmModal opened={rejecting} onClose={() => setRejecting(false)} namespace="devices" title={t('registration.rejectTitle')}
        message={t('registration.rejectText', { name: device.name, identity: device.identity })} confirmLabel={t('registration.reject')}
        onConfirm={async () => { await post(`/api/devices/${device.id}/reject`); await onChanged(); }} />
    </Group>
  );
}
