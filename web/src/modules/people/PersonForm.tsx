// Name, contact data and language of a person, and for a business customer the company and its
// VAT ID; used to create one and to edit it.
import { Alert, Button, Fieldset, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/index.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { normalizeVatId } from '../../ui/vatId.ts';
import type { PersonInput } from './people.api.ts';

interface Props {
  initial: PersonInput;
  submitLabel: string;
  onSubmit(input: PersonInput): Promise<void>;
  onCancel?(): void;
}

const orNull = (value: string | null) => (value?.trim() ? value.trim() : null);

export function PersonForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('people');
  const [value, setValue] = useState(initial);
  const set = (key: keyof PersonInput) => (e: { currentTarget: { value: string } }) => setValue({ ...value, [key]: e.currentTarget.value });

  const { busy, error, fields, submit } = useSubmit(t, () =>
    onSubmit({
      ...value, email: orNull(value.email), landline: orNull(value.landline), mobile: orNull(value.mobile),
      companyName: orNull(value.companyName), vatId: normalizeVatId(value.vatId),
    }));

  return (
    <form onSubmit={submit}>
      <Stack>
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('firstName')} required value={value.firstName} onChange={set('firstName')} error={fields.firstName} />
          <TextInput label={t('lastName')} required value={value.lastName} onChange={set('lastName')} error={fields.lastName} />
        </SimpleGrid>
        <TextInput label={t('email')} type="email" value={value.email ?? ''} onChange={set('email')} error={fields.email} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('landline')} type="tel" value={value.landline ?? ''} onChange={set('landline')} error={fields.landline} />
          <TextInput label={t('mobile')} type="tel" value={value.mobile ?? ''} onChange={set('mobile')} error={fields.mobile} />
        </SimpleGrid>
        <Select label={t('language')} required allowDeselect={false} value={value.language}
          data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          onChange={(language) => language && setValue({ ...value, language: language as Language })} error={fields.language} />
        <Fieldset legend={t('business.title')}>
          <Stack gap="sm">
            <TextInput label={t('business.company')} description={t('business.companyHint')} maxLength={200}
              value={value.companyName ?? ''} onChange={set('companyName')} error={fields.companyName} />
            <TextInput label={t('business.vatId')} placeholder="ATU12345678" value={value.vatId ?? ''} onChange={set('vatId')} error={fields.vatId} />
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          {onCancel && <Button variant="default" onClick={onCancel}>{t('common:cancel')}</Button>}
          <Button type="submit" loading={busy}>{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  );
}
