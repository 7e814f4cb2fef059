// The operator edits a property manager; short code and currency stay fixed once created.
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { patch } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Tenant } from './tenancy.api.ts';
import { CountrySelect, CurrencySelect, LanguageSelect, ModeSelect } from './TenantFields.tsx';

export function TenantDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation('tenancy');
  const tenant = useLoad<Tenant>(`/api/operator/tenants/${id}`);
  const [v, setV] = useState({ name: '', country: '', defaultLanguage: '', operatingMode: '' });
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    await patch(`/api/operator/tenants/${id}`, v);
    notifications.show({ message: t('common:saved') });
    await tenant.reload();
  });
  useEffect(() => {
    if (tenant.data) setV({ name: tenant.data.name, country: tenant.data.country, defaultLanguage: tenant.data.defaultLanguage, operatingMode: tenant.data.operatingMode });
  }, [tenant.data]);

  if (tenant.loading && !tenant.data) return <Loading />;
  if (tenant.error || !tenant.data) return <LoadError message={errorText(t, tenant.error)} />;
  const set = (key: keyof typeof v) => (value: string) => setV({ ...v, [key]: value });

  return (
    <Page title={tenant.data.name} actions={<Anchor component={Link} to="/operator/tenants">{t('back')}</Anchor>}>
      <Paper withBorder p="md" maw={720}>
        <form onSubmit={submit}>
          <Stack>
            {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput label={t('name')} required value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={fields.name} />
              <TextInput label={t('shortCode')} value={tenant.data.shortCode} disabled description={t('fixed')} />
              <CountrySelect value={v.country} onChange={set('country')} error={fields.country} />
              <CurrencySelect value={tenant.data.currency} onChange={() => undefined} disabled />
              <LanguageSelect value={v.defaultLanguage} onChange={set('defaultLanguage')} error={fields.defaultLanguage} />
              <ModeSelect value={v.operatingMode} onChange={set('operatingMode')} error={fields.operatingMode} />
            </SimpleGrid>
            <Group justify="flex-end"><Button type="submit" loading={busy}>{t('common:save')}</Button></Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
