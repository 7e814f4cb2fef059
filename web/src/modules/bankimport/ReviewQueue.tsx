// Bank credits no rule could match: staff credit them to a resident, or mark them as returned
// to the payer (the money goes back outside Concierge, so the reason is kept).
import { Alert, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { BankEntry } from './bankimport.api.ts';
import { PersonPicker } from './PersonPicker.tsx';

type Action = { entry: BankEntry; kind: 'assign' | 'return' };

function DecideModal({ action, onClose, onDone }: { action: Action | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation('bankimport');
  const [personId, setPersonId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const close = () => { setPersonId(null); setReason(''); onClose(); };
  const decide = useSubmit(t, async () => {
    const entry = action!.entry;
    if (action!.kind === 'assign') await post(`/api/bank/entries/${entry.id}/assign`, { personId });
    else await post(`/api/bank/entries/${entry.id}/return`, { reason: reason.trim() });
    notifications.show({ color: 'green', message: t(`review.done.${action!.kind}`) });
    close();
    onDone();
  });
  const entry = action?.entry;
  return (
    <Modal opened={action !== null} onClose={close} title={action ? t(`review.${action.kind}Title`) : ''} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {entry && action && (
        <form onSubmit={decide.submit} noValidate>
          <Stack>
            <Text>{t('review.entrySummary', { amount: formatMoney(entry.amount, entry.currency), payer: entry.debtorName ?? '–', date: formatDate(entry.bookedOn) })}</Text>
            {action.kind === 'assign'
              ? <PersonPicker label={t('review.person')} value={personId} onChange={setPersonId} />
              : <>
                <Text size="sm" c="red">{t('review.returnWarning')}</Text>
                <Textarea label={t('review.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} error={decide.fields.reason} />
              </>}
            {decide.error !== null && <Alert color="red" role="alert">{errorText(t, decide.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
              <Button type="submit" color={action.kind === 'return' ? 'red' : 'blue'} loading={decide.busy}
                disabled={action.kind === 'assign' ? !personId : !reason.trim()}>{t(`review.${action.kind}`)}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function ReviewQueue({ version }: { version: number }) {
  const { t } = useTranslation('bankimport');
  const entries = useLoad<BankEntry[]>('/api/bank/entries?status=review');
  const [action, setAction] = useState<Action | null>(null);
  const reload = useRef(entries.reload);
  reload.current = entries.reload;
  useEffect(() => { if (version > 0) void reload.current(); }, [version]);

  if (entries.loading && !entries.data) return <Loading />;
  if (entries.error) return <LoadError message={errorText(t, entries.error)} />;
  return (
    <>
      {!entries.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={t('review.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('review.booked')}</Table.Th><Table.Th ta="right">{t('review.amount')}</Table.Th><Table.Th>{t('review.payer')}</Table.Th>
                <Table.Th>{t('review.text')}</Table.Th><Table.Th>{t('review.why')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.bookedOn)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMoney(e.amount, e.currency)}</Table.Td>
                  <Table.Td>{e.debtorName ?? '–'}{e.debtorIban && <Text size="xs" c="dimmed" ff="monospace">{e.debtorIban}</Text>}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.reference ?? e.freeText ?? '–'}</Table.Td>
                  <Table.Td><Text size="sm">{e.reviewReason ? t(`reasons.${e.reviewReason}`, { defaultValue: e.reviewReason }) : '–'}</Text></Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" onClick={() => setAction({ entry: e, kind: 'assign' })}>{t('review.assign')}</Button>
                      <Button size="xs" variant="default" onClick={() => setAction({ entry: e, kind: 'return' })}>{t('review.return')}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <DecideModal action={action} onClose={() => setAction(null)} onDone={() => void entries.reload()} />
    </>
  );
}
