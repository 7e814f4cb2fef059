// Staff decide refund requests (approve charges the held balance and the fee; reject releases
// it) and turn approved refunds into a payout file for the bank.
import { Anchor, Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea, Alert } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { PayoutBatches } from './PayoutBatches.tsx';
import { refundStatusColor, type Refund, type RefundStatus } from './refunds.api.ts';

const filters = ['requested', 'approved', 'paid', 'rejected', 'expired', 'all'] as const;

function RejectModal({ refund, onClose, onDone }: { refund: Refund | null; onClose(): void; onDone(): Promise<void> }) {
  const { t } = useTranslation('refunds');
  const [reason, setReason] = useState('');
  const reject = useSubmit(t, async () => {
    // A refusal may mean the request expired meanwhile: the list shows that either way.
    await post(`/api/refund-requests/${refund!.id}/reject`, { reason: reason.trim() }).finally(onDone);
    setReason('');
    onClose();
  });
  return (
    <Modal opened={refund !== null} onClose={onClose} title={t('staff.rejectTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={reject.submit} noValidate>
        <Stack>
          {refund && <Text>{t('staff.rejectText', { name: refund.name, amount: formatMoney(refund.amountMinor, refund.currency) })}</Text>}
          <Textarea label={t('staff.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reject.fields.reason} autosize minRows={2} />
          {reject.error !== null && <Alert color="red" role="alert">{errorText(t, reject.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" color="red" loading={reject.busy} disabled={!reason.trim()}>{t('staff.reject')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RefundsPage() {
  const { t } = useTranslation('refunds');
  const [filter, setFilter] = useState<(typeof filters)[number]>('requested');
  const refunds = useLoad<Refund[]>(filter === 'all' ? '/api/refund-requests' : `/api/refund-requests?status=${filter satisfies RefundStatus}`);
  const [approving, setApproving] = useState<Refund | null>(null);
  const [rejecting, setRejecting] = useState<Refund | null>(null);
  const [batchesVersion, setBatchesVersion] = useState(0);

  return (
    <Page title={t('staff.title')}>
      <SegmentedControl aria-label={t('status')} value={filter} onChange={(v) => setFilter(v as typeof filter)}
        data={filters.map((f) => ({ value: f, label: f === 'all' ? t('staff.all') : t(`statuses.${f}`) }))} style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }} />
      {refunds.loading && !refunds.data ? <Loading /> : refunds.error ? <LoadError message={errorText(t, refunds.error)} /> : !refunds.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped aria-label={t('staff.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('date')}</Table.Th><Table.Th>{t('staff.resident')}</Table.Th><Table.Th>{t('request.iban')}</Table.Th>
                <Table.Th ta="right">{t('amount')}</Table.Th><Table.Th ta="right">{t('payout')}</Table.Th><Table.Th>{t('status')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {refunds.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDate(r.createdAt)}</Table.Td>
                  <Table.Td><Anchor component={Link} to={`/wallets/${r.personId}`}>{r.name}</Anchor><Text size="xs" c="dimmed">{r.customerNumber}</Text></Table.Td>
                  <Table.Td><Text ff="monospace" size="sm">{r.iban}</Text><Text size="xs" c="dimmed">{r.accountHolder}</Text></Table.Td>
                  <Table.Td ta="right">{formatMoney(r.amountMinor, r.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.payoutMinor, r.currency)}</Table.Td>
                  <Table.Td><Badge color={refundStatusColor[r.status]} variant="light">{t(`statuses.${r.status}`)}</Badge>{r.reason && <Text size="xs" c="dimmed">{r.reason}</Text>}</Table.Td>
                  <Table.Td>
                    {r.status === 'requested' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" onClick={() => setApproving(r)}>{t('staff.approve')}</Button>
                        <Button size="xs" variant="default" onClick={() => setRejecting(r)}>{t('staff.reject')}</Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal opened={approving !== null} namespace="refunds" color="teal" title={t('staff.approveTitle')}
        message={approving ? t('staff.approveText', { name: approving.name, payout: formatMoney(approving.payoutMinor, approving.currency), fee: formatMoney(approving.feeMinor, approving.currency) }) : ''}
        confirmLabel={t('staff.approve')} onClose={() => setApproving(null)}
        onConfirm={async () => { await post(`/api/refund-requests/${approving!.id}/approve`).finally(refunds.reload); }} />
      <RejectModal refund={rejecting} onClose={() => setRejecting(null)} onDone={refunds.reload} />
      <PayoutBatches version={batchesVersion} onCreated={() => { setBatchesVersion((v) => v + 1); void refunds.reload(); }} />
    </Page>
  );
}
