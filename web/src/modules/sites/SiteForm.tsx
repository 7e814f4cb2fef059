// Name, address, accounting unit and the languages of its printed instructions; used to create a site and to edit it.
import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/index.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { COUNTRIES, type SiteInput } from './sites.api.ts';

interface Props {
  initial: SiteInput;
  submitLabel: string;
  onSubmit(input: SiteInput): Promise<void>;
  onCancel?(): void;
}

export function SiteForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('sites');
  const [value, setValue] = useState(initial);
  const set = (key: keyof SiteInput) => (e: { currentTarget: { value: string } }) => setValue({ ...value, [key]: e.currentTarget.value });

  const { busy, error, fields, submit } = useSubmit(t, () =>
    onSubmit({ ...value, accountingUnit: value.accountingUnit?.trim() ? value.accountingUnit.trim() : null }));

  return (
    <form onSubmit={submit}>
      <Stack>
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        <TextInput label={t('name')} required value={value.name} onChange={set('name')} error={fields.name} />
        <TextInput label={t('street')} required value={value.street} onChange={set('street')} error={fields.street} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('postalCode')} required value={value.postalCode} onChange={set('postalCode')} error={fields.postalCode} />
          <TextInput label={t('city')} required value={value.city} onChange={set('city')} error={fields.city} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select label={t('country')} required allowDeselect={false} value={value.country}
            data={COUNTRIES.map((c) => ({ value: c, label: t(`countries.${c}`) }))}
            onChange={(country) => country && setValue({ ...value, country })} error={fields.country} />
          <TextInput label={t('accountingUnit')} description={t('accountingUnitHint')} value={value.accountingUnit ?? ''}
            onChange={set('accountingUnit')} error={fields.accountingUnit} />
        </SimpleGrid>
        <MultiSelect label={t('languages')} description={t('languagesHint')} required value={value.languages}
          data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          onChange={(languages) => setValue({ ...value, languages: languages as Language[] })} error={fields.languages} />
        <Group justify="flex-end">
          {onCancel && <Button variant="default" onClick={onCancel}>{t('common:cancel')}</Button>}
          <Button type="submit" loading={busy}>{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  );
}
