// What the device is and what it said about itself: connection, registration and its boot data.
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { REGISTRATION_COLOR, type Device } from './devices.api.ts';

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" data-fact={label}>{value ?? '–'}</Text>
    </Stack>
  );
}

export function DeviceFacts({ device }: { device: Device }) {
  const { t } = useTranslation('devices');
  const optional = ([['iccid', device.iccid], ['imsi', device.imsi], ['meterType', device.meterType], ['meterSerialNumber', device.meterSerialNumber],
    ['firmwareStatus', device.firmwareStatus], ['diagnosticsStatus', device.diagnosticsStatus]] as const).filter(([, value]) => value !== null);
  return (
    <Paper withBorder p="md" component="section" aria-label={t('facts.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('facts.title')}</Title>
        <Group gap="xs">
          <Badge color={device.connected ? 'green' : 'gray'} variant="light">{device.connected ? t('facts.online') : t('facts.offline')}</Badge>
          <Badge color={REGISTRATION_COLOR[device.registration]} variant="light">{t(`registration.${device.registration}`)}</Badge>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Fact label={t('fields.identity')} value={device.identity} />
        <Fact label={t('fields.kind')} value={t(`kinds.${device.kind}`)} />
        <Fact label={t('fields.site')} value={device.siteName} />
        <Fact label={t('fields.room')} value={device.unitLabel} />
        <Fact label={t('facts.vendor')} value={device.vendor} />
        <Fact label={t('facts.model')} value={device.model} />
        <Fact label={t('facts.serialNumber')} value={device.serialNumber} />
        <Fact label={t('facts.firmwareVersion')} value={device.firmwareVersion} />
        <Fact label={t('facts.lastBootAt')} value={device.lastBootAt && formatDateTime(device.lastBootAt)} />
        <Fact label={t('facts.lastSeenAt')} value={device.lastSeenAt && formatDateTime(device.lastSeenAt)} />
        <Fact label={t('facts.connectedAt')} value={device.connected ? formatDateTime(device.connectedAt) : null} />
        <Fact label={t('facts.password')} value={device.hasPassword ? t('facts.passwordSet') : t('facts.passwordMissing')} />
        {optional.map(([key, value]) => <Fact key={key} label={t(`facts.${key}`)} value={value} />)}
      </SimpleGrid>
    </Paper>
  );
}
