// Send part of the balance to a neighbour by their customer number. The amount is held until the
// receiver accepts; the receiver may decline and the sender may cancel while it waits.
import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { newId, toMinor } from '../../ui/ids.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { TransferRequest } from './wallets.api.ts';

const statusColor = { pending: 'yellow', accepted: 'teal', declined: 'gray', cancelled: 'gray' } as const;

export function TransfersSection({ currency, onChange }: { currency: string; onChange(): void }) {
  const { t } = useTranslation('wallets');
  const transfers = useLoad<TransferRequest[]>('/api/wallet/transfers');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState<string | number>('');
  const [asking, setAsking] = useState<{ request: TransferRequest; decision: 'decline' | 'cancel' } | null>(null);
  const changed = async () => { await transfers.reload(); onChange(); };

  const send = useSubmit(t, async () => {
    const amountMinor = toMinor(amount);
    if (amountMinor === null) throw new Error('amount');
    const sent = await post<{ receiverName: string }>('/api/wallet/transfers', { id: newId(), to: to.trim(), amountMinor });
    notifications.show({ color: 'green', message: t('transfers.sent', { name: sent.receiverName }) });
    setTo('');
    setAmount('');
    await changed();
  });
  const decide = async (request: TransferRequest, decision: 'accept' | 'decline' | 'cancel') => {
    await post(`/api/wallet/transfers/${request.id}/${decision}`);
    notifications.show({ message: t(`transfers.done.${decision}`) });
    await changed();
  };
  const [accepting, setAccepting] = useState<string | null>(null);
  const [acceptError, setAcceptError] = useState<unknown>(null);
  const accept = async (request: TransferRequest) => {
    setAccepting(request.id);
    setAcceptError(null);
    try {
      await decide(request, 'accept');
    } catch (err) {
      setAcceptError(err);
    } finally {
      setAccepting(null);
    }
  };

  return (
    <Stack>
      <Card withBorder>
        <form onSubmit={send.submit} noValidate>
          <Stack>
            <Title order={3} size="h4">{t('transfers.send')}</Title>
            <Text size="sm" c="dimmed">{t('transfers.hint')}</Text>
            <Group align="flex-start" wrap="wrap">
              <TextInput label={t('transfers.to')} placeholder="HEIMBAU-10002" required value={to} onChange={(e) => setTo(e.currentTarget.value)}
                error={send.fields.to} />
              <NumberInput label={t('transfers.amount', { currency })} required min={0.01} decimalScale={2} value={amount} onChange={setAmount}
                error={send.fields.amountMinor} hideControls w={160} />
            </Group>
            {send.error !== null && <Alert color="red" role="alert">{send.error instanceof Error && send.error.message === 'amount' ? t('transfers.amountMissing') : errorText(t, send.error)}</Alert>}
            <Group><Button type="submit" loading={send.busy} disabled={!to.trim() || toMinor(amount) === null}>{t('transfers.submit')}</Button></Group>
          </Stack>
        </form>
      </Card>

      <Title order={3} size="h4">{t('transfers.list')}</Title>
      {acceptError !== null && <Alert color="red" role="alert">{errorText(t, acceptError)}</Alert>}
      {transfers.loading && !transfers.data ? <Loading /> : transfers.error ? <LoadError message={errorText(t, transfers.error)} /> : !transfers.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('transfers.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('statement.date')}</Table.Th><Table.Th>{t('transfers.counterpart')}</Table.Th>
                <Table.Th ta="right">{t('statement.amount')}</Table.Th><Table.Th>{t('transfers.status')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {transfers.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt)}</Table.Td>
                  <Table.Td>{r.direction === 'sent' ? t('transfers.toName', { name: r.toName }) : t('transfers.fromName', { name: r.fromName })}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMoney(r.direction === 'sent' ? -r.amount : r.amount, currency)}</Table.Td>
                  <Table.Td><Badge color={statusColor[r.status]} variant="light">{t(`transfers.statuses.${r.status}`)}</Badge></Table.Td>
                  <Table.Td>
                    {r.status === 'pending' && r.direction === 'received' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" loading={accepting === r.id} onClick={() => void accept(r)}>{t('transfers.accept')}</Button>
                        <Button size="xs" variant="default" onClick={() => setAsking({ request: r, decision: 'decline' })}>{t('transfers.decline')}</Button>
                      </Group>
                    )}
                    {r.status === 'pending' && r.direction === 'sent' && (
                      <Button size="xs" variant="default" onClick={() => setAsking({ request: r, decision: 'cancel' })}>{t('transfers.cancel')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal opened={asking !== null} namespace="wallets"
        title={asking ? t(`transfers.confirm.${asking.decision}Title`) : ''}
        message={asking ? t(`transfers.confirm.${asking.decision}Text`, { amount: formatMoney(asking.request.amount, currency) }) : ''}
        confirmLabel={asking ? t(`transfers.${asking.decision}`) : ''}
        onConfirm={async () => { if (asking) await decide(asking.request, asking.decision); }} onClose={() => setAsking(null)} />
    </Stack>
  );
}
