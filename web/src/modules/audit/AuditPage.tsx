// The audit log of the property manager: who changed what and when, filterable, newest first;
// a row opens to show the values before and after.
import { ActionIcon, Select, SimpleGrid, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { AuditChanges } from './AuditChanges.tsx';
import { Pager } from '../../ui/Pager.tsx';

interface AuditEvent {
  id: number; at: string; actor: string; actorUserId: string | null;
  action: string; entityType: string; entityId: string; before: unknown; after: unknown;
}
interface AuditPage { page: number; pageSize: number; events: AuditEvent[] }

const ENTITY_TYPES = ['site', 'unit', 'person', 'occupancy', 'membership', 'invitation', 'access_request', 'api_token', 'party', 'tenant'];

export function AuditPage() {
  const { t } = useTranslation('audit');
  const [entityType, setEntityType] = useState<string | null>(null);
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const query = new URLSearchParams({ page: String(page) });
  if (entityType) query.set('entityType', entityType);
  if (action.trim()) query.set('action', action.trim());
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const log = useLoad<AuditPage>(`/api/audit?${query}`);
  const filter = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPage(1); };
  const events = log.data?.events ?? [];

  return (
    <Page title={t('title')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Select label={t('entityType')} clearable value={entityType} onChange={filter(setEntityType)}
          data={ENTITY_TYPES.map((e) => ({ value: e, label: t(`entities.${e}`, { defaultValue: e }) }))} />
        <TextInput label={t('action')} placeholder="site.updated" value={action} onChange={(e) => filter(setAction)(e.currentTarget.value)} />
        <TextInput type="date" label={t('from')} value={from} onChange={(e) => filter(setFrom)(e.currentTarget.value)} />
        <TextInput type="date" label={t('to')} value={to} onChange={(e) => filter(setTo)(e.currentTarget.value)} />
      </SimpleGrid>
      {log.loading && !log.data ? <Loading /> : log.error ? <LoadError message={errorText(t, log.error)} /> : !events.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={680}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}><VisuallyHidden>{t('details')}</VisuallyHidden></Table.Th>
                <Table.Th>{t('at')}</Table.Th><Table.Th>{t('actor')}</Table.Th><Table.Th>{t('action')}</Table.Th><Table.Th>{t('entity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Fragment key={event.id}>
                  <Table.Tr>
                    <Table.Td>
                      <ActionIcon variant="subtle" aria-expanded={open === event.id} aria-label={t('showChanges', { action: event.action })}
                        onClick={() => setOpen(open === event.id ? null : event.id)}>{open === event.id ? '▾' : '▸'}</ActionIcon>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
                    <Table.Td>{event.actor}</Table.Td>
                    <Table.Td><Text ff="monospace" size="sm">{event.action}</Text></Table.Td>
                    <Table.Td>{t(`entities.${event.entityType}`, { defaultValue: event.entityType })} <Text span size="xs" c="dimmed" ff="monospace">{event.entityId.slice(0, 8)}</Text></Table.Td>
                  </Table.Tr>
                  {open === event.id && (
                    <Table.Tr><Table.Td colSpan={5}><AuditChanges before={event.before} after={event.after} /></Table.Td></Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={page} onPage={setPage} hasNext={!!log.data && events.length >= log.data.pageSize} />
    </Page>
  );
}
