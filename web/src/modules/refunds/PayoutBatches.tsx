// Payout files: one pain.001 per currency with every approved refund not yet paid, to upload
// to the bank. Creating one books the payouts in the ledger.
import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import type { PayoutBatch } from './refunds.api.ts';

export function PayoutBatches({ version, onCreated }: { version: number; onCreated(): void }) {
  const { t } = useTranslation('refunds');
  const batches = useLoad<PayoutBatch[]>('/api/payout-batches');
  const [confirming, setConfirming] = useState(false);
  const reload = useRef(batches.reload);
  reload.current = batches.reload;
  useEffect(() => { if (version > 0) void reload.current(); }, [version]);

  const create = async () => {
    const batch = await post<PayoutBatch>('/api/payout-batches', {});
    notifications.show({ color: 'green', message: t('batches.created', { count: batch.count }) });
    await batches.reload();
    onCreated();
  };

  return (
    <Stack mt="lg">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('batches.title')}</Title>
        <Button variant="light" onClick={() => setConfirming(true)}>{t('batches.create')}</Button>
      </Group>
      {batches.loading && !batches.data ? <Loading /> : batches.error ? <LoadError message={errorText(t, batches.error)} /> : !batches.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('batches.title')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('date')}</Table.Th><Table.Th>{t('batches.file')}</Table.Th><Table.Th ta="right">{t('batches.count')}</Table.Th><Table.Th ta="right">{t('batches.total')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td><Anchor href={`/api/payout-batches/${b.id}/file`} download={b.fileName}>{b.fileName}</Anchor></Table.Td>
                  <Table.Td ta="right">{b.count}</Table.Td>
                  <Table.Td ta="right">{formatMoney(b.totalMinor, b.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal opened={confirming} namespace="refunds" color="blue" title={t('batches.create')} message={t('batches.confirm')}
        confirmLabel={t('batches.create')} onConfirm={create} onClose={() => setConfirming(false)} />
    </Stack>
  );
}
