// Pick a resident by name or customer number (the staff wallet search).
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../ui/load.ts';
import type { WalletListItem } from '../wallets/wallets.api.ts';

export function PersonPicker({ value, onChange, label }: { value: string | null; onChange(personId: string | null): void; label: string }) {
  const { t } = useTranslation('bankimport');
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const people = useLoad<WalletListItem[]>(query ? `/api/wallets?search=${encodeURIComponent(query)}` : '/api/wallets');
  const data = (people.data ?? []).map((p) => ({ value: p.personId, label: `${p.name} · ${p.customerNumber}` }));
  return (
    <Select label={label} placeholder={t('review.searchHint')} searchable required data={data} value={value} onChange={onChange}
      searchValue={search} onSearchChange={setSearch} filter={({ options }) => options} nothingFoundMessage={people.loading ? t('common:loading') : t('common:noData')}
      comboboxProps={{ withinPortal: true }} />
  );
}
