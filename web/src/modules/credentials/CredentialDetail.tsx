// One credential for staff: what it is, whose, its fee, its history (who, when, why) and what can
// be done now: issue an ordered badge from stock, block with a reason, unblock, take back.
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { statusColor, type CredentialDetail as Detail } from './credentials.api.ts';
import { CredentialStatusBadge } from './CredentialStatusBadge.tsx';
import { initialStockChoice, StockChoiceFields, stockChoiceBody, stockChoiceReady, type StockChoiceState } from './StockChoiceFields.tsx';

type Action = 'block' | 'unblock' | 'return' | 'fulfil';

function ActionForm({ id, action, onDone, onCancel }: { id: string; action: Action; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation('credentials');
  const [reason, setReason] = useState('');
  const [stock, setStock] = useState<StockChoiceState>(initialStockChoice);
  const needsReason = action === 'block';
  const ready = action === 'fulfil' ? stockChoiceReady(stock) : !needsReason || reason.trim() !== '';
  const run = useSubmit(t, async () => {
    const body = action === 'fulfil' ? stockChoiceBody(stock) : reason.trim() ? { reason: reason.trim() } : {};
    await post(`/api/credentials/${id}/${action}`, body);
    notifications.show({ color: 'green', message: t(`staff.actions.${action}Done`) });
    onDone();
  });
  return (
    <form onSubmit={run.submit} noValidate>
      <Stack>
        <Text size="sm">{t(`staff.actions.${action}Text`)}</Text>
        {action === 'fulfil'
          ? <StockChoiceFields value={stock} onChange={setStock} error={run.fields.label ?? run.fields.uid} />
          : <Textarea label={needsReason ? t('staff.reason') : t('staff.reasonOptional')} required={needsReason} value={reason}
              onChange={(e) => setReason(e.currentTarget.value)} maxLength={300} autosize minRows={2} />}
        {run.error !== null && <Alert color="red" role="alert">{errorText(t, run.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('common:cancel')}</Button>
          <Button type="submit" color={action === 'block' || action === 'return' ? 'red' : undefined} loading={run.busy} disabled={!ready}>{t(`staff.actions.${action}`)}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CredentialDetail({ id, onClose, onChanged }: { id: string | null; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation('credentials');
  const detail = useLoad<Detail>(id ? `/api/credentials/${id}` : null);
  const [action, setAction] = useState<Action | null>(null);
  const close = () => { setAction(null); onClose(); };
  const c = detail.data?.credential;
  const actions: Action[] = !c ? [] : [
    ...(c.status === 'ordered' && c.type === 'rfid' ? ['fulfil' as const] : []),
    ...(c.status === 'active' ? ['block' as const] : []),
    ...(c.status === 'blocked' ? ['unblock' as const] : []),
    ...(c.status !== 'lost' && c.status !== 'returned' ? ['return' as const] : []),
  ];

  return (
    <Modal opened={id !== null} onClose={close} size="xl" title={c ? `${c.label ?? t(`types.${c.type}`)} · ${c.name}` : t('staff.detail')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {detail.loading && !detail.data ? <Loading /> : detail.error ? <LoadError message={errorText(t, detail.error)} /> : c && detail.data && (
        <Stack>
          <Table variant="vertical" withTableBorder aria-label={t('staff.detail')}>
            <Table.Tbody>
              <Table.Tr><Table.Th w={180}>{t('columns.type')}</Table.Th><Table.Td>{t(`types.${c.type}`)} · {t(`origins.${c.origin}`, { defaultValue: c.origin })}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('columns.uid')}</Table.Th><Table.Td ff="monospace">{c.uid ?? '–'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('columns.holder')}</Table.Th><Table.Td>{c.name} · {c.customerNumber}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('columns.status')}</Table.Th><Table.Td><CredentialStatusBadge credential={c} /></Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('columns.fee')}</Table.Th><Table.Td>{c.fee ? `${formatMoney(c.fee.amountMinor, c.fee.currency)} · ${t(`feeStatuses.${c.fee.status}`)}` : '–'}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
          {action ? (
            <ActionForm id={c.id} action={action} onCancel={() => setAction(null)} onDone={() => { setAction(null); void detail.reload(); onChanged(); }} />
          ) : actions.length > 0 && (
            <Group>
              {actions.map((a) => <Button key={a} size="xs" variant={a === 'fulfil' ? 'filled' : 'default'} color={a === 'block' ? 'red' : undefined} onClick={() => setAction(a)}>{t(`staff.actions.${a}`)}</Button>)}
            </Group>
          )}
          <Text fw={600}>{t('staff.history')}</Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label={t('staff.history')}>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('columns.when')}</Table.Th><Table.Th>{t('columns.who')}</Table.Th><Table.Th>{t('columns.change')}</Table.Th><Table.Th>{t('columns.why')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.data.history.map((h, i) => (
                  <Table.Tr key={i}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
                    <Table.Td>{t(`actors.${h.actor}`, { defaultValue: h.actor })}{h.by && <Text size="xs" c="dimmed">{h.by}</Text>}</Table.Td>
                    <Table.Td>
                      {h.fromStatus && <>{t(`statuses.${h.fromStatus}`)} → </>}
                      <Badge color={statusColor[h.toStatus]} variant="light">{t(`statuses.${h.toStatus}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{h.reason ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Modal>
  );
}
