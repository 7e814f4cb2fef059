// Staff find a wallet by name or customer number and see every balance at a glance.
import { Anchor, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/session.tsx';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { WalletListItem } from './wallets.api.ts';

export function WalletsPage() {
  const { t } = useTranslation('wallets');
  const { me } = useSession();
  const currency = me?.tenant?.currency ?? 'EUR';
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const wallets = useLoad<WalletListItem[]>(query ? `/api/wallets?search=${encodeURIComponent(query)}` : '/api/wallets');

  return (
    <Page title={t('staff.title')}>
      <TextInput type="search" label={t('staff.search')} placeholder={t('staff.searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={420} />
      {wallets.loading && !wallets.data ? <Loading /> : wallets.error ? <LoadError message={errorText(t, wallets.error)} /> : !wallets.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped highlightOnHover aria-label={t('staff.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('staff.customerNumber')}</Table.Th><Table.Th>{t('staff.name')}</Table.Th>
                <Table.Th ta="right">{t('balance.available')}</Table.Th><Table.Th ta="right">{t('staff.heldShort')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {wallets.data.map((w) => (
                <Table.Tr key={w.personId}>
                  <Table.Td ff="monospace">{w.customerNumber}</Table.Td>
                  <Table.Td><Anchor component={Link} to={`/wallets/${w.personId}`}>{w.name}</Anchor></Table.Td>
                  <Table.Td ta="right" c={w.available < 0 ? 'red' : undefined}>{formatMoney(w.available, currency)}</Table.Td>
                  <Table.Td ta="right">{w.pendingDebits ? formatMoney(w.pendingDebits, currency) : '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
