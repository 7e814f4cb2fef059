// The badges in stock (imported, not yet issued), by label; the search finds a UID however it is
// written (with or without separators) or any part of a label.
import { Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { Pager } from '../../ui/Pager.tsx';
import type { StockPage } from './badgestock.api.ts';

export function StockList({ version }: { version: number }) {
  const { t } = useTranslation('badgestock');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({ page: String(page) });
  if (search.trim()) query.set('search', search.trim());
  const stock = useLoad<StockPage>(`/api/badge-stock?${query}`);
  const { reload } = stock;
  useEffect(() => { if (version > 0) void reload(); }, [version, reload]);
  const badges = stock.data?.badges ?? [];
  const pages = stock.data ? Math.max(1, Math.ceil(stock.data.total / stock.data.pageSize)) : undefined;

  return (
    <>
      <TextInput label={t('stock.search')} placeholder={t('stock.searchHint')} value={search} maw={360}
        onChange={(e) => { setSearch(e.currentTarget.value); setPage(1); }} />
      {stock.data && <Text size="sm" c="dimmed">{t('stock.count', { count: formatNumber(stock.data.total) })}</Text>}
      {stock.loading && !stock.data ? <Loading /> : stock.error ? <LoadError message={errorText(t, stock.error)} /> : !badges.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={620}>
          <Table striped aria-label={t('stock.title')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('stock.label')}</Table.Th><Table.Th>{t('stock.uid')}</Table.Th><Table.Th>{t('stock.technology')}</Table.Th><Table.Th>{t('stock.imported')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {badges.map((b) => (
                <Table.Tr key={b.uid}>
                  <Table.Td>{b.label}</Table.Td>
                  <Table.Td><Text ff="monospace" size="sm">{b.uid}</Text></Table.Td>
                  <Table.Td>{t(`technologies.${b.technology}`, { defaultValue: b.technology })}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{formatDate(b.importedAt)} · {b.fileName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={page} onPage={setPage} hasNext={pages !== undefined && page < pages} pages={pages} />
    </>
  );
}
