// Staff find a credential by UID (typed in any notation), printed label, holder or customer number.
import { Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { CredentialDetail } from './CredentialDetail.tsx';
import type { Credential, CredentialStatus } from './credentials.api.ts';
import { CredentialStatusBadge } from './CredentialStatusBadge.tsx';

const STATUSES: CredentialStatus[] = ['ordered', 'awaiting_fee', 'active', 'blocked', 'lost', 'returned'];

export function CredentialSearch({ version }: { version: number }) {
  const { t } = useTranslation('credentials');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [query] = useDebouncedValue(search.trim(), 250);
  const [open, setOpen] = useState<string | null>(null);
  const params = new URLSearchParams({ ...(query && { q: query }), ...(status && { status }) });
  const results = useLoad<Credential[]>(`/api/credentials?${params.toString()}`);
  const { reload } = results;
  // A badge issued elsewhere on the page (while this list stays mounted) shows here too.
  const shownVersion = useRef(version);
  useEffect(() => {
    if (version === shownVersion.current) return;
    shownVersion.current = version;
    void reload();
  }, [version, reload]);

  return (
    <>
      <Group align="flex-end" wrap="wrap">
        <TextInput type="search" label={t('staff.search')} placeholder={t('staff.searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={{ base: '100%', xs: 360 }} />
        <Select label={t('columns.status')} placeholder={t('staff.allStatuses')} clearable value={status} onChange={setStatus} w={{ base: '100%', xs: 200 }}
          data={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
      </Group>
      {results.loading && !results.data ? <Loading /> : results.error ? <LoadError message={errorText(t, results.error)} /> : !results.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t('staff.results')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.label')}</Table.Th><Table.Th>{t('columns.uid')}</Table.Th><Table.Th>{t('columns.holder')}</Table.Th>
                <Table.Th>{t('columns.status')}</Table.Th><Table.Th>{t('columns.since')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.label ?? '–'}<Text size="xs" c="dimmed">{t(`types.${c.type}`)}</Text></Table.Td>
                  <Table.Td ff="monospace">{c.uid ?? '–'}</Table.Td>
                  <Table.Td>{c.name}<Text size="xs" c="dimmed">{c.customerNumber}</Text></Table.Td>
                  <Table.Td><CredentialStatusBadge credential={c} /></Table.Td>
                  <Table.Td>{formatDate(c.statusChangedAt)}</Table.Td>
                  <Table.Td><Button size="xs" variant="default" onClick={() => setOpen(c.id)} aria-label={t('staff.openFor', { name: c.label ?? c.name })}>{t('staff.open')}</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CredentialDetail id={open} onClose={() => setOpen(null)} onChanged={() => void reload()} />
    </>
  );
}
