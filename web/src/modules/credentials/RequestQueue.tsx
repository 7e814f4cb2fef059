// The staff queue of badge requests, oldest first. Approving orders the badge and bills its fee,
// optionally issuing a badge from stock at once; rejecting needs the reason the resident will read.
import { Alert, Badge, Button, Checkbox, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { requestStatusColor, type BadgeRequest, type BadgeRequestStatus } from './credentials.api.ts';
import { initialStockChoice, StockChoiceFields, stockChoiceBody, stockChoiceReady, type StockChoiceState } from './StockChoiceFields.tsx';

const filters = ['pending', 'approved', 'rejected', 'cancelled', 'all'] as const;

function ApproveModal({ request, onClose, onDone }: { request: BadgeRequest | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation('credentials');
  const [issueNow, setIssueNow] = useState(true);
  const [stock, setStock] = useState<StockChoiceState>(initialStockChoice);
  const close = () => { approve.setError(null); onClose(); };
  const approve = useSubmit(t, async () => {
    await post(`/api/badge-requests/${request!.id}/approve`, issueNow ? { fulfil: stockChoiceBody(stock) } : {});
    notifications.show({ color: 'green', message: t('queue.approved') });
    setStock(initialStockChoice);
    close();
    onDone();
  });
  return (
    <Modal opened={request !== null} onClose={close} title={t('queue.approveTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {request && (
        <form onSubmit={approve.submit} noValidate>
          <Stack>
            <Text>{t('queue.approveText', { name: request.name })}</Text>
            <Checkbox label={t('queue.issueNow')} checked={issueNow} onChange={(e) => setIssueNow(e.currentTarget.checked)} />
            {issueNow && <StockChoiceFields value={stock} onChange={setStock} error={approve.fields.label ?? approve.fields.uid} />}
            {approve.error !== null && <Alert color="red" role="alert">{errorText(t, approve.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
              <Button type="submit" color="teal" loading={approve.busy} disabled={issueNow && !stockChoiceReady(stock)}>{t('queue.approve')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RejectModal({ request, onClose, onDone }: { request: BadgeRequest | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation('credentials');
  const [reason, setReason] = useState('');
  const close = () => { reject.setError(null); onClose(); };
  const reject = useSubmit(t, async () => {
    await post(`/api/badge-requests/${request!.id}/reject`, { reason: reason.trim() });
    setReason('');
    close();
    onDone();
  });
  return (
    <Modal opened={request !== null} onClose={close} title={t('queue.rejectTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={reject.submit} noValidate>
        <Stack>
          {request && <Text>{t('queue.rejectText', { name: request.name })}</Text>}
          <Textarea label={t('queue.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={300} autosize minRows={2} error={reject.fields.reason} />
          {reject.error !== null && <Alert color="red" role="alert">{errorText(t, reject.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
            <Button type="submit" color="red" loading={reject.busy} disabled={!reason.trim()}>{t('queue.reject')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RequestQueue({ onDecided }: { onDecided(): void }) {
  const { t } = useTranslation('credentials');
  const [filter, setFilter] = useState<(typeof filters)[number]>('pending');
  const requests = useLoad<BadgeRequest[]>(filter === 'all' ? '/api/badge-requests' : `/api/badge-requests?status=${filter satisfies BadgeRequestStatus | 'all'}`);
  const [approving, setApproving] = useState<BadgeRequest | null>(null);
  const [rejecting, setRejecting] = useState<BadgeRequest | null>(null);
  const done = () => { void requests.reload(); onDecided(); };

  return (
    <Stack>
      <SegmentedControl aria-label={t('columns.status')} value={filter} onChange={(v) => setFilter(v as typeof filter)} style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
        data={filters.map((f) => ({ value: f, label: f === 'all' ? t('queue.all') : t(`requestStatuses.${f}`) }))} />
      {requests.loading && !requests.data ? <Loading /> : requests.error ? <LoadError message={errorText(t, requests.error)} /> : !requests.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped aria-label={t('queue.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.date')}</Table.Th><Table.Th>{t('columns.holder')}</Table.Th><Table.Th>{t('request.kind')}</Table.Th>
                <Table.Th>{t('request.purpose')}</Table.Th><Table.Th>{t('columns.status')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDate(r.createdAt)}</Table.Td>
                  <Table.Td>{r.name}<Text size="xs" c="dimmed">{r.customerNumber}</Text></Table.Td>
                  <Table.Td>{t(`kinds.${r.kind}`)}</Table.Td>
                  <Table.Td>
                    {t(`purposes.${r.purpose}`)}
                    {r.parkingSpace && <Text size="xs" c="dimmed">{t('request.parkingSpace')}: {r.parkingSpace}</Text>}
                    {r.chargerSerial && <Text size="xs" c="dimmed">{t('request.chargerSerial')}: {r.chargerSerial}</Text>}
                    {r.note && <Text size="xs" c="dimmed">{r.note}</Text>}
                  </Table.Td>
                  <Table.Td><Badge color={requestStatusColor[r.status]} variant="light">{t(`requestStatuses.${r.status}`)}</Badge>{r.reason && <Text size="xs" c="dimmed">{r.reason}</Text>}</Table.Td>
                  <Table.Td>
                    {r.status === 'pending' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" onClick={() => setApproving(r)}>{t('queue.approve')}</Button>
                        <Button size="xs" variant="default" onClick={() => setRejecting(r)}>{t('queue.reject')}</Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ApproveModal request={approving} onClose={() => setApproving(null)} onDone={done} />
      <RejectModal request={rejecting} onClose={() => setRejecting(null)} onDone={done} />
    </Stack>
  );
}
