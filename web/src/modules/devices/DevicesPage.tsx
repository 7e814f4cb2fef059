// All terminals and chargers, by site and room, each appliance with its live status; devices
// waiting for acceptance on top; the tenant's device settings below for the administrator.
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isManager, useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { REGISTRATION_COLOR, type Device } from './devices.api.ts';
import { DeviceSettingsCard } from './DeviceSettingsCard.tsx';
import { LiveStatusBadge } from './LiveStatusBadge.tsx';
import { NewDeviceModal } from './NewDeviceModal.tsx';
import { PendingDevices } from './PendingDevices.tsx';
import { useLiveAppliances, type LiveAppliance } from './useLiveAppliances.ts';

/** Devices by site, then by room, in the order the server sorted them. */
function grouped(devices: Device[]) {
  const sites = new Map<string, { name: string; rooms: Map<string, { label: string | null; devices: Device[] }> }>();
  for (const device of devices) {
    const site = sites.get(device.siteId) ?? { name: device.siteName, rooms: new Map() };
    sites.set(device.siteId, site);
    const room = site.rooms.get(device.unitId ?? '') ?? { label: device.unitLabel, devices: [] };
    site.rooms.set(device.unitId ?? '', room);
    room.devices.push(device);
  }
  return [...sites.entries()];
}

function DeviceRow({ device, live }: { device: Device; live: Map<string, LiveAppliance> }) {
  const { t } = useTranslation('devices');
  return (
    <Paper withBorder p="sm" component="section" aria-label={device.name}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Anchor component={Link} to={`/devices/${device.id}`} fw={600}>{device.name}</Anchor>
          <Text size="xs" c="dimmed">{t(`kinds.${device.kind}`)} · {device.identity}</Text>
        </Stack>
        {device.registration !== 'accepted' && <Badge color={REGISTRATION_COLOR[device.registration]} variant="light">{t(`registration.${device.registration}`)}</Badge>}
      </Group>
      {device.appliances.length === 0 ? <Text size="sm" c="dimmed" mt="xs">{t('appliances.none')}</Text> : (
        <Group gap="md" mt="xs">
          {device.appliances.map((a) => {
            const now = live.get(a.id);
            return (
              <Group key={a.id} gap={6} wrap="nowrap" data-testid={`appliance-${a.id}`}>
                <Text size="sm">{a.name}</Text>
                <LiveStatusBadge status={now?.status ?? a.status} errorCode={now ? now.errorCode : a.errorCode} />
              </Group>
            );
          })}
        </Group>
      )}
    </Paper>
  );
}

export function DevicesPage() {
  const { t } = useTranslation('devices');
  const { me } = useSession();
  const devices = useLoad<Device[]>('/api/devices');
  const live = useLiveAppliances();
  const [creating, setCreating] = useState(false);
  const manager = isManager(me);

  return (
    <Page title={t('title')} actions={manager && <Button onClick={() => setCreating(true)}>{t('new.button')}</Button>}>
      {devices.loading && !devices.data ? <Loading /> : devices.error ? <LoadError message={errorText(t, devices.error)} /> : !devices.data?.length ? <Empty /> : (
        <>
          <PendingDevices devices={devices.data} editable={manager} onChanged={devices.reload} />
          {grouped(devices.data).map(([siteId, site]) => (
            <Stack key={siteId} gap="xs">
              <Title order={2} size="h4">{site.name}</Title>
              {[...site.rooms.entries()].map(([roomId, room]) => (
                <Stack key={roomId} gap="xs" pl="sm">
                  <Title order={3} size="h6" c="dimmed">{room.label ?? t('fields.noRoom')}</Title>
                  {room.devices.map((device) => <DeviceRow key={device.id} device={device} live={live} />)}
                </Stack>
              ))}
            </Stack>
          ))}
        </>
      )}
      {me?.role === 'manager_admin' && <DeviceSettingsCard />}
      {creating && <NewDeviceModal onClose={() => setCreating(false)} onCreated={devices.reload} />}
    </Page>
  );
}
