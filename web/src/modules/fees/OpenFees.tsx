// The resident's fees on the wallet page: each open fee with what it is for, paid from the balance
// (after a confirmation) or by bank transfer with its own payment slip; below, the recent paid or
// cancelled ones. Nothing shows while there are no fees.
import { Alert, Anchor, Card, Code, Group, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { LoadError } from '../../ui/Page.tsx';
import { feeItemsText, type Fee } from './fees.api.ts';
import { FeeStatusBadge } from './FeeStatusBadge.tsx';

function OpenFee({ fee, available, onPay }: { fee: Fee; available: number; onPay(): void }) {
  const { t } = useTranslation('fees');
  const tooLow = available < fee.amountMinor;
  return (
    <Paper withBorder p="md" aria-label={t('open.feeLabel', { items: feeItemsText(fee) })} component="section">
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Text fw={700} size="lg">{formatMoney(fee.amountMinor, fee.currency)}</Text>
          <Text size="sm" c="dimmed">{t('open.billedOn', { date: formatDate(fee.createdAt) })}</Text>
        </Group>
        <Table withRowBorders={false} verticalSpacing={2} aria-label={t('columns.items')}>
          <Table.Tbody>
            {fee.items.map((item, i) => (
              <Table.Tr key={i}>
                <Table.Td pl={0}>{item.description}</Table.Td>
                <Table.Td ta="right" pr={0}>{formatMoney(item.amountMinor, fee.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">{t('open.reference')}: <Code>{fee.referenceFormatted}</Code></Text>
        <Group gap="md">
          <Button onClick={onPay} disabled={tooLow}>{t('open.pay')}</Button>
          <Anchor href={`/api/me/fees/${fee.id}/slip.pdf`} target="_blank" rel="noopener">{t('open.slip')}</Anchor>
        </Group>
        {tooLow && <Text size="sm" c="dimmed">{t('open.tooLow')}</Text>}
      </Stack>
    </Paper>
  );
}

export function OpenFees({ available, onPaid }: { available: number; onPaid(): void }) {
  const { t } = useTranslation('fees');
  const fees = useLoad<Fee[]>('/api/me/fees');
  const [paying, setPaying] = useState<Fee | null>(null);

  if (fees.error) return <LoadError message={errorText(t, fees.error)} />;
  if (!fees.data?.length) return null;
  const open = fees.data.filter((f) => f.status === 'open');
  const closed = fees.data.filter((f) => f.status !== 'open');

  const pay = async () => {
    await post(`/api/me/fees/${paying!.id}/pay`);
    notifications.show({ color: 'green', message: t('pay.done') });
    await fees.reload();
    onPaid();
  };

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">{t('open.title')}</Title>
        {open.length === 0 ? <Text c="dimmed">{t('open.none')}</Text> : open.map((fee) => (
          <OpenFee key={fee.id} fee={fee} available={available} onPay={() => setPaying(fee)} />
        ))}
        {open.length > 0 && <Alert color="gray">{t('open.noRefund')}</Alert>}
        {closed.length > 0 && (
          <>
            <Title order={3} size="h5">{t('recent.title')}</Title>
            <Table.ScrollContainer minWidth={480}>
              <Table striped aria-label={t('recent.title')}>
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('columns.date')}</Table.Th><Table.Th>{t('columns.items')}</Table.Th><Table.Th ta="right">{t('columns.amount')}</Table.Th><Table.Th>{t('columns.status')}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {closed.map((fee) => (
                    <Table.Tr key={fee.id}>
                      <Table.Td>{formatDate(fee.createdAt)}</Table.Td>
                      <Table.Td>{feeItemsText(fee)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(fee.amountMinor, fee.currency)}</Table.Td>
                      <Table.Td><FeeStatusBadge fee={fee} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
      <ConfirmModal opened={paying !== null} namespace="fees" color="blue" title={t('pay.title')}
        message={paying ? t('pay.text', { amount: formatMoney(paying.amountMinor, paying.currency), items: feeItemsText(paying), after: formatMoney(available - paying.amountMinor, paying.currency) }) : ''}
        confirmLabel={paying ? t('pay.confirm', { amount: formatMoney(paying.amountMinor, paying.currency) }) : ''} onConfirm={pay} onClose={() => setPaying(null)} />
    </Card>
  );
}
