// Staff's view of usage sessions: running or finished, by device, with who used what and what it
// cost; a session stuck on an appliance (a device that never reported its end) can be ended here.
import { Badge, Button, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Device } from '../devices/devices.api.ts';
import { isRunning, SESSION_COLOR, type StaffSession } from './sessions.api.ts';
import { quantityText } from './sessions.format.ts';
import { usePolled } from './usePolled.ts';

const POLL_MS = 5000;
type Filter = 'running' | 'completed' | 'all';
/** The server's status filters for each choice: a session is running from its pre-selection on. */
const STATUSES: Record<Filter, (string | null)[]> = { running: ['active', 'preselected'], completed: ['completed'], all: [null] };

function pathFor(status: string | null, deviceId: string | null) {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (deviceId) query.set('deviceId', deviceId);
  return `/api/sessions${query.size ? `?${query.toString()}` : ''}`;
}

/** One list from one request per status, newest first as the server sorts each. */
async function loadSessions(filter: Filter, deviceId: string | null): Promise<StaffSession[]> {
  const lists = await Promise.all(STATUSES[filter].map((status) => get<StaffSession[]>(pathFor(status, deviceId))));
  if (lists.length === 1) return lists[0]!;
  const started = (s: StaffSession) => s.startedAt ?? '9999';
  return lists.flat().sort((a, b) => started(b).localeCompare(started(a)));
}

export function StaffSessionsPage() {
  const { t } = useTranslation('sessions');
  const [filter, setFilter] = useState<Filter>('running');
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [ending, setEnding] = useState<StaffSession | null>(null);
  const devices = useLoad<Device[]>('/api/devices');
  const sessions = usePolled<StaffSession[]>(`${filter}|${deviceId ?? ''}`, POLL_MS, () => loadSessions(filter, deviceId));
  const money = (minor: number | null, currency: string) => (minor === null ? '–' : formatMoney(minor, currency));

  return (
    <Page title={t('staff.title')}>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl aria-label={t('staff.filter')} value={filter} onChange={(v) => setFilter(v as Filter)}
          data={(['running', 'completed', 'all'] as const).map((value) => ({ value, label: t(`staff.filters.${value}`) }))} />
        {devices.data && devices.data.length > 0 && (
          <Select label={t('staff.device')} placeholder={t('staff.allDevices')} clearable value={deviceId} onChange={setDeviceId} w={300}
            data={devices.data.map((d) => ({ value: d.id, label: `${d.name} (${d.siteName})` }))} />
        )}
      </Group>
      {sessions.error && !sessions.data ? <LoadError message={errorText(t, sessions.error)} /> : !sessions.data ? <Loading /> : sessions.data.length === 0 ? <Empty /> : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped aria-label={t('staff.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.started')}</Table.Th><Table.Th>{t('columns.person')}</Table.Th><Table.Th>{t('columns.appliance')}</Table.Th>
                <Table.Th>{t('columns.status')}</Table.Th><Table.Th ta="right">{t('columns.quantity')}</Table.Th>
                <Table.Th ta="right">{t('columns.held')}</Table.Th><Table.Th ta="right">{t('columns.amount')}</Table.Th>
                <Table.Th>{t('columns.endedBy')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.startedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.personName ?? t('staff.unknownPerson')}</Text>
                    {s.customerNumber && <Text size="xs" c="dimmed">{s.customerNumber}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.applianceName}</Text>
                    <Text size="xs" c="dimmed">{s.siteName}</Text>
                  </Table.Td>
                  <Table.Td><Badge color={SESSION_COLOR[s.status]} variant="light" miw="max-content">{t(`sessionStatus.${s.status}`)}</Badge></Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{isRunning(s.status)
                      ? (s.preselectQuantity === null ? '–' : t('staff.upTo', { quantity: quantityText(t, s.unit, s.preselectQuantity) }))
                      : quantityText(t, s.unit, s.quantity)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{isRunning(s.status) ? money(s.heldMinor, s.currency) : '–'}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(s.amountMinor, s.currency)}
                    {s.debtMinor > 0 && <Text size="xs" c="red">{t('staff.debt', { amount: formatMoney(s.debtMinor, s.currency) })}</Text>}
                  </Table.Td>
                  <Table.Td>{s.endedBy ? t(`endedBy.${s.endedBy}`) : '–'}</Table.Td>
                  <Table.Td>
                    {isRunning(s.status) && (
                      <Button size="xs" color="red" variant="light" aria-label={t('staff.endNamed', { name: s.applianceName })} onClick={() => setEnding(s)}>{t('card.end')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal opened={ending !== null} onClose={() => setEnding(null)} namespace="sessions" title={t('staff.endTitle')}
        message={ending ? t('staff.endMessage', { name: ending.applianceName, person: ending.personName ?? t('staff.unknownPerson') }) : ''}
        confirmLabel={t('card.end')}
        onConfirm={async () => {
          await post(`/api/sessions/${ending!.id}/stop`);
          notifications.show({ color: 'green', message: t('staff.ended') });
          await sessions.reload();
        }} />
    </Page>
  );
}
