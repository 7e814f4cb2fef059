// The device's appliances, one per connector, each with its live status and what the device said.
import { ActionIcon, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { Empty } from '../../ui/Page.tsx';
import { ApplianceModal } from './ApplianceModal.tsx';
import type { Appliance, Device } from './devices.api.ts';
import { LiveStatusBadge } from './LiveStatusBadge.tsx';
import type { LiveAppliance } from './useLiveAppliances.ts';

interface Props { device: Device; live: Map<string, LiveAppliance>; editable: boolean; onChanged(): Promise<void> }

export function AppliancesCard({ device, live, editable, onChanged }: Props) {
  const { t } = useTranslation('devices');
  const [editing, setEditing] = useState<Appliance | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Appliance | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-label={t('appliances.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('appliances.title')}</Title>
        {editable && <Button size="xs" onClick={() => setEditing('new')}>{t('appliances.add')}</Button>}
      </Group>
      {device.appliances.length === 0 ? <Empty /> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('appliances.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('appliances.connector')}</Table.Th><Table.Th>{t('appliances.name')}</Table.Th><Table.Th>{t('appliances.kind')}</Table.Th>
                <Table.Th>{t('appliances.metering')}</Table.Th><Table.Th>{t('appliances.status')}</Table.Th><Table.Th>{t('appliances.reported')}</Table.Th>
                {editable && <Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {device.appliances.map((a) => {
                const now = live.get(a.id);
                const ocpp = now ? now.ocppStatus : a.ocppStatus;
                const errorCode = now ? now.errorCode : a.errorCode;
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.connectorId}</Table.Td>
                    <Table.Td>{a.name}</Table.Td>
                    <Table.Td>{t(`applianceKinds.${a.kind}`)}</Table.Td>
                    <Table.Td>{t(`meterings.${a.metering}`)}</Table.Td>
                    <Table.Td><LiveStatusBadge status={now?.status ?? a.status} errorCode={errorCode} /></Table.Td>
                    <Table.Td>
                      <Text size="sm">{ocpp ?? '–'}{errorCode && errorCode !== 'NoError' ? ` · ${errorCode}` : ''}</Text>
                      <Text size="xs" c="dimmed">{formatDateTime(now ? now.at : a.statusAt)}</Text>
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <ActionIcon variant="subtle" aria-label={t('appliances.editNamed', { name: a.name })} onClick={() => setEditing(a)}>✎</ActionIcon>
                          <ActionIcon variant="subtle" color="red" aria-label={t('appliances.deleteNamed', { name: a.name })} onClick={() => setDeleting(a)}>✕</ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <ApplianceModal device={device} appliance={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={onChanged} />}
      <ConfirmModal opened={deleting !== null} onClose={() => setDeleting(null)} namespace="devices" title={t('appliances.delete')}
        message={t('appliances.deleteConfirm', { name: deleting?.name ?? '' })} confirmLabel={t('common:delete')}
        onConfirm={async () => { await del(`/api/devices/${device.id}/appliances/${deleting!.id}`); await onChanged(); }} />
    </Paper>
  );
}
