// A lock's event log, newest first, filtered by kind, key and dates. Events older than the
// property manager's pseudonymisation period name no holder: "Key 7F3A2C" tells keys apart. Above
// the table the openings per day of what the filter shows, as bars.
import { Badge, Group, MultiSelect, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { EVENT_KINDS, type EventsPage, type KeysPage, type Lock, type LockEvent } from './locks.api.ts';

const OpeningsChart = lazy(() => import('./OpeningsChart.tsx'));
const KIND_COLOR: Record<string, string> = { opened: 'green', denied: 'red', battery_low: 'orange', tamper: 'red', locked: 'gray' };

/** Openings per calendar day (the reader's), oldest first. */
function openingsPerDay(events: LockEvent[]): { day: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== 'opened') continue;
    const at = new Date(e.at);
    const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count }));
}

export function EventsTab({ lock }: { lock: Lock }) {
  const { t } = useTranslation('locks');
  const [kinds, setKinds] = useState<string[]>([]);
  const [keyId, setKeyId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({ page: String(page), pageSize: '200' });
  for (const kind of kinds) query.append('kind', kind);
  if (keyId) query.set('keyId', keyId);
  if (from) query.set('from', new Date(`${from}T00:00:00`).toISOString());
  if (to) query.set('to', new Date(`${to}T23:59:59`).toISOString());
  const events = useLoad<EventsPage>(`/api/locks/${lock.id}/events?${query}`);
  const keys = useLoad<KeysPage>(`/api/locks/${lock.id}/keys?pageSize=500`);
  const pages = events.data ? Math.max(1, Math.ceil(events.data.total / events.data.pageSize)) : undefined;
  const perDay = events.data ? openingsPerDay(events.data.events) : [];
  const filtered = (set: () => void) => { set(); setPage(1); };

  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <MultiSelect label={t('events.kind')} w={300} clearable value={kinds} onChange={(v) => filtered(() => setKinds(v))}
          data={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))} />
        <Select label={t('events.key')} w={240} clearable searchable value={keyId} onChange={(v) => filtered(() => setKeyId(v))}
          data={(keys.data?.keys ?? []).map((k) => ({ value: k.id, label: `${k.holderName} · ${k.pseudonym}` }))} />
        <TextInput type="date" label={t('events.from')} value={from} onChange={(e) => { const v = e.currentTarget.value; filtered(() => setFrom(v)); }} />
        <TextInput type="date" label={t('events.to')} value={to} onChange={(e) => { const v = e.currentTarget.value; filtered(() => setTo(v)); }} />
      </Group>
      {perDay.length > 0 && (
        <Suspense fallback={<Loading />}>
          <OpeningsChart days={perDay} label={t('events.chart')} />
        </Suspense>
      )}
      {events.error ? <LoadError message={errorText(t, events.error)} /> : !events.data ? <Loading /> : !events.data.events.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('events.title')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('events.at')}</Table.Th><Table.Th>{t('events.kind')}</Table.Th><Table.Th>{t('events.key')}</Table.Th><Table.Th>{t('fields.medium')}</Table.Th><Table.Th>{t('events.detail')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td><Badge color={KIND_COLOR[e.kind]} variant="light">{t(`events.kinds.${e.kind}`)}</Badge></Table.Td>
                  <Table.Td>
                    {e.holderName ?? (e.keyPseudonym ? (
                      <Group gap={6}><Text size="sm">{t('events.pseudonym', { pseudonym: e.keyPseudonym })}</Text><Badge size="xs" color="gray" variant="outline">{t('events.pseudonymised')}</Badge></Group>
                    ) : '–')}
                  </Table.Td>
                  <Table.Td>{e.medium ? t(`media.${e.medium}`) : '–'}</Table.Td>
                  <Table.Td>{e.detail ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={page} onPage={setPage} hasNext={pages !== undefined && page < pages} pages={pages} />
    </Stack>
  );
}
