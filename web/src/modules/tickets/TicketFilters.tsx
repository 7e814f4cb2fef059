// The office's queue filters: status, category, whose tickets (mine / nobody's / anyone's) and a
// search; they live in the address (?status=&category=&assignee=&q=) so Back returns to the same list.
import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, STATUSES } from './tickets.api.ts';

export interface Filters { status: string | null; category: string | null; assignee: string; q: string }

export function filtersFrom(params: URLSearchParams): Filters {
  return { status: params.get('status'), category: params.get('category'), assignee: params.get('assignee') ?? '', q: params.get('q') ?? '' };
}

export function TicketFilters({ filters, onChange }: { filters: Filters; onChange(next: Filters): void }) {
  const { t } = useTranslation('tickets');
  const [q, setQ] = useState(filters.q);
  const search = useDebouncedCallback((value: string) => onChange({ ...filters, q: value.trim() }), 350);
  return (
    <Group align="flex-end" wrap="wrap" gap="sm">
      <Select label={t('filters.status')} placeholder={t('filters.anyStatus')} clearable value={filters.status} w={{ base: '100%', xs: 200 }}
        data={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} onChange={(status) => onChange({ ...filters, status })} />
      <Select label={t('filters.category')} placeholder={t('filters.anyCategory')} clearable value={filters.category} w={{ base: '100%', xs: 240 }}
        data={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} onChange={(category) => onChange({ ...filters, category })} />
      <SegmentedControl aria-label={t('filters.assignee')} value={filters.assignee} onChange={(assignee) => onChange({ ...filters, assignee })}
        data={[{ value: '', label: t('filters.anyone') }, { value: 'me', label: t('filters.me') }, { value: 'none', label: t('filters.none') }]} />
      <TextInput type="search" label={t('filters.search')} placeholder={t('filters.searchHint')} value={q} w={{ base: '100%', xs: 260 }}
        onChange={(e) => { setQ(e.currentTarget.value); search(e.currentTarget.value); }} />
    </Group>
  );
}
