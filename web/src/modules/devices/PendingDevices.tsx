// Devices that connected and wait for staff: what they reported at boot, so the serial number can
// be checked against the installation before accepting.
import { Alert, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Device } from './devices.api.ts';
import { RegistrationActions } from './RegistrationActions.tsx';

export function PendingDevices({ devices, editable, onChanged }: { devices: Device[]; editable: boolean; onChanged(): Promise<void> }) {
  const { t } = useTranslation('devices');
  const pending = devices.filter((d) => d.registration === 'pending');
  if (pending.length === 0) return null;
  return (
    <Alert color="yellow" title={t('pending.title', { count: pending.length })} role="region" aria-label={t('pending.label')}>
      <Stack gap="sm">
        <Text size="sm">{t('pending.intro')}</Text>
        {pending.map((device) => (
          <Group key={device.id} justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0}>
              <Text fw={600} component={Link} to={`/devices/${device.id}`}>{device.name} · {device.identity}</Text>
              <Text size="sm">
                {device.lastBootAt
                  ? t('pending.boot', { vendor: device.vendor ?? '–', model: device.model ?? '–', serial: device.serialNumber ?? '–', firmware: device.firmwareVersion ?? '–' })
                  : t('pending.notBooted')}
              </Text>
            </Stack>
            {editable && <RegistrationActions device={device} onChanged={onChanged} />}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
