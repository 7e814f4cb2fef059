// The operator's list of property managers; a new one is created with its first admin, who gets
// an invitation by e-mail.
import { Anchor, Button, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { CreateTenantModal } from './CreateTenantModal.tsx';
import type { Tenant } from './tenancy.api.ts';

const count = (n: number | undefined) => (n === undefined ? '–' : formatNumber(n));

export function TenantsPage() {
  const { t } = useTranslation('tenancy');
  const tenants = useLoad<Tenant[]>('/api/operator/tenants');
  const [creating, setCreating] = useState(false);

  return (
    <Page title={t('title')} actions={<Button onClick={() => setCreating(true)}>{t('new')}</Button>}>
      {tenants.loading && !tenants.data ? <Loading /> : tenants.error ? <LoadError message={errorText(t, tenants.error)} /> : !tenants.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('name')}</Table.Th><Table.Th>{t('shortCode')}</Table.Th><Table.Th>{t('country')}</Table.Th><Table.Th>{t('currency')}</Table.Th>
                <Table.Th ta="right">{t('sites')}</Table.Th><Table.Th ta="right">{t('units')}</Table.Th><Table.Th ta="right">{t('people')}</Table.Th><Table.Th>{t('createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tenants.data.map((tenant) => (
                <Table.Tr key={tenant.id}>
                  <Table.Td><Anchor component={Link} to={`/operator/tenants/${tenant.id}`}>{tenant.name}</Anchor></Table.Td>
                  <Table.Td ff="monospace">{tenant.shortCode}</Table.Td>
                  <Table.Td>{t(`countries.${tenant.country}`, { defaultValue: tenant.country })}</Table.Td>
                  <Table.Td>{tenant.currency}</Table.Td>
                  <Table.Td ta="right">{count(tenant.siteCount)}</Table.Td>
                  <Table.Td ta="right">{count(tenant.unitCount)}</Table.Td>
                  <Table.Td ta="right">{count(tenant.peopleCount)}</Table.Td>
                  <Table.Td>{formatDate(tenant.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && <CreateTenantModal onClose={() => setCreating(false)} onCreated={tenants.reload} />}
    </Page>
  );
}
