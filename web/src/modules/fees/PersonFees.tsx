// One customer's fees for staff (on the wallet detail page): what was billed, paid how or
// cancelled why; open fees can be cancelled with a reason; new fees are billed below.
import { Alert, Button, Card, Code, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { BillFeeForm } from './BillFeeForm.tsx';
import { feeItemsText, type Fee } from './fees.api.ts';
import { FeeStatusBadge } from './FeeStatusBadge.tsx';

function CancelFeeModal({ fee, onClose, onDone }: { fee: Fee | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation('fees');
  const [reason, setReason] = useState('');
  const close = () => { setReason(''); cancel.setError(null); onClose(); };
  const cancel = useSubmit(t, async () => {
    await post(`/api/fees/${fee!.id}/cancel`, { reason: reason.trim() });
    notifications.show({ color: 'green', message: t('staff.cancelDone') });
    close();
    onDone();
  });
  return (
    <Modal opened={fee !== null} onClose={close} title={t('staff.cancelTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {fee && (
        <form onSubmit={cancel.submit} noValidate>
          <Stack>
            <Text>{t('staff.cancelText', { amount: formatMoney(fee.amountMinor, fee.currency), items: feeItemsText(fee) })}</Text>
            <Textarea label={t('staff.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} maxLength={300} error={cancel.fields.reason} />
            {cancel.error !== null && <Alert color="red" role="alert">{errorText(t, cancel.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
              <Button type="submit" color="red" loading={cancel.busy} disabled={reason.trim().length < 3}>{t('staff.cancel')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function PersonFees({ personId, name, currency }: { personId: string; name: string; currency: string }) {
  const { t } = useTranslation('fees');
  const fees = useLoad<Fee[]>(`/api/fees?personId=${personId}`);
  const [cancelling, setCancelling] = useState<Fee | null>(null);
  const reload = () => void fees.reload();

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">{t('staff.title')}</Title>
        {fees.loading && !fees.data ? <Loading /> : fees.error ? <LoadError message={errorText(t, fees.error)} /> : !fees.data?.length ? <Empty /> : (
          <Table.ScrollContainer minWidth={680}>
            <Table striped aria-label={t('staff.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.date')}</Table.Th><Table.Th>{t('columns.items')}</Table.Th><Table.Th ta="right">{t('columns.amount')}</Table.Th>
                  <Table.Th>{t('columns.reference')}</Table.Th><Table.Th>{t('columns.status')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fees.data.map((fee) => (
                  <Table.Tr key={fee.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(fee.createdAt)}</Table.Td>
                    <Table.Td>{fee.items.map((i, n) => <Text key={n} size="sm">{i.description} · {formatMoney(i.amountMinor, fee.currency)}</Text>)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMoney(fee.amountMinor, fee.currency)}</Table.Td>
                    <Table.Td><Code>{fee.referenceFormatted}</Code></Table.Td>
                    <Table.Td><FeeStatusBadge fee={fee} /></Table.Td>
                    <Table.Td>{fee.status === 'open' && <Button size="xs" variant="default" onClick={() => setCancelling(fee)}>{t('staff.cancel')}</Button>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <BillFeeForm personId={personId} name={name} currency={currency} onBilled={reload} />
      </Stack>
      <CancelFeeModal fee={cancelling} onClose={() => setCancelling(null)} onDone={reload} />
    </Card>
  );
}
