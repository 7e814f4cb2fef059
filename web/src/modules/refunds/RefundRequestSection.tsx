// A resident asks for the remaining balance back to a bank account. The whole available balance
// is held until staff decide; the processing fee is deducted from what is paid out.
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { newId } from '../../ui/ids.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { refundStatusColor, type Refund } from './refunds.api.ts';

export function RefundRequestSection({ currency, available, onChange }: { currency: string; available: number; onChange(): void }) {
  const { t } = useTranslation('refunds');
  const { me } = useSession();
  const refunds = useLoad<Refund[]>('/api/wallet/refund-requests');
  const settings = useLoad<{ refundFeeMinor: number }>('/api/tenant/refund-settings');
  const [iban, setIban] = useState('');
  const [holder, setHolder] = useState(me?.user.displayName ?? '');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fee = settings.data?.refundFeeMinor;
  const open = refunds.data?.some((r) => r.status === 'requested') ?? false;

  const request = async () => {
    setError(null);
    try {
      await post('/api/wallet/refund-requests', { requestId: newId(), iban: iban.replace(/\s/g, ''), accountHolder: holder.trim() });
      setIban('');
      await refunds.reload();
      onChange();
    } catch (err) {
      setError(err);
      throw err;
    }
  };
  const fields = error && typeof error === 'object' && 'fields' in error ? (error as { fields: { field: string }[] }).fields.map((f) => f.field) : [];

  return (
    <Stack>
      <Card withBorder>
        <form onSubmit={(e) => { e.preventDefault(); setConfirming(true); }} noValidate>
          <Stack>
            <Title order={3} size="h4">{t('request.title')}</Title>
            <Text size="sm">{fee !== undefined ? t('request.feeHint', { fee: formatMoney(fee, currency) }) : t('request.feeHintGeneric')}</Text>
            <Group align="flex-start" wrap="wrap">
              <TextInput label={t('request.iban')} required value={iban} onChange={(e) => setIban(e.currentTarget.value)} w={{ base: '100%', xs: 320 }}
                error={fields.includes('iban') ? t('common:invalidValue') : undefined} autoComplete="off" />
              <TextInput label={t('request.holder')} required value={holder} onChange={(e) => setHolder(e.currentTarget.value)} w={{ base: '100%', xs: 260 }}
                error={fields.includes('accountHolder') ? t('common:invalidValue') : undefined} />
            </Group>
            {open && <Alert color="blue">{t('request.openExists')}</Alert>}
            {error !== null && !confirming && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
            <Group><Button type="submit" disabled={!iban.trim() || !holder.trim() || available <= 0 || open}>{t('request.submit')}</Button></Group>
          </Stack>
        </form>
      </Card>
      <ConfirmModal opened={confirming} namespace="refunds" color="blue" title={t('request.confirmTitle')}
        message={t('request.confirmText', { amount: formatMoney(available, currency), fee: formatMoney(fee ?? 0, currency), payout: formatMoney(Math.max(0, available - (fee ?? 0)), currency) })}
        confirmLabel={t('request.submit')} onConfirm={request} onClose={() => setConfirming(false)} />

      <Title order={3} size="h4">{t('request.mine')}</Title>
      {refunds.loading && !refunds.data ? <Loading /> : refunds.error ? <LoadError message={errorText(t, refunds.error)} /> : !refunds.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('request.mine')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('date')}</Table.Th><Table.Th ta="right">{t('amount')}</Table.Th><Table.Th ta="right">{t('fee.short')}</Table.Th>
                <Table.Th ta="right">{t('payout')}</Table.Th><Table.Th>{t('status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {refunds.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDate(r.createdAt)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.amountMinor, r.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.feeMinor, r.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.payoutMinor, r.currency)}</Table.Td>
                  <Table.Td>
                    <Badge color={refundStatusColor[r.status]} variant="light">{t(`statuses.${r.status}`)}</Badge>
                    {r.reason && <Text size="xs" c="dimmed">{r.reason}</Text>}
                    {r.status === 'expired' && <Text size="xs" c="dimmed">{t('request.expiredHint')}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
