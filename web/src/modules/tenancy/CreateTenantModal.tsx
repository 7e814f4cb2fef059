// Creates a property manager together with its first admin login.
import { Alert, Button, Group, Modal, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { CountrySelect, CurrencySelect, LanguageSelect, ModeSelect } from './TenantFields.tsx';

interface Props {
  onClose(): void;
  onCreated(): Promise<void>;
}

export function CreateTenantModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation('tenancy');
  const [v, setV] = useState({ name: '', shortCode: '', country: 'AT', currency: 'EUR', defaultLanguage: 'de', operatingMode: 'platform_billing' });
  const [admin, setAdmin] = useState({ email: '', displayName: '' });
  const set = (key: keyof typeof v) => (value: string) => setV({ ...v, [key]: value });

  const { busy, error, fields, submit } = useSubmit(t, async () => {
    await post('/api/operator/tenants', { ...v, admin });
    notifications.show({ color: 'green', message: t('created', { name: v.name }) });
    await onCreated();
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={t('new')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit}>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('name')} required value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={fields.name} data-autofocus />
            <TextInput label={t('shortCode')} description={t('shortCodeHint')} required value={v.shortCode}
              onChange={(e) => set('shortCode')(e.currentTarget.value.toLowerCase())} error={fields.shortCode} />
            <CountrySelect value={v.country} onChange={set('country')} error={fields.country} />
            <CurrencySelect value={v.currency} onChange={set('currency')} error={fields.currency} />
            <LanguageSelect value={v.defaultLanguage} onChange={set('defaultLanguage')} error={fields.defaultLanguage} />
            <ModeSelect value={v.operatingMode} onChange={set('operatingMode')} error={fields.operatingMode} />
          </SimpleGrid>
          <Title order={3} size="h5">{t('firstAdmin')}</Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('adminEmail')} type="email" required value={admin.email} onChange={(e) => setAdmin({ ...admin, email: e.currentTarget.value })} error={fields.admin} />
            <TextInput label={t('adminName')} required value={admin.displayName} onChange={(e) => setAdmin({ ...admin, displayName: e.currentTarget.value })} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy}>{t('common:create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
