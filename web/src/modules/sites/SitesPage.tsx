// All sites of the property manager with their unit counts; a new site is created in a modal.
import { Anchor, Button, Modal, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../../api.ts';
import { isManager, useSession } from '../../app/session.tsx';
import { formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { SiteForm } from './SiteForm.tsx';
import type { Site } from './sites.api.ts';

export function SitesPage() {
  const { t } = useTranslation('sites');
  const { me } = useSession();
  const navigate = useNavigate();
  const sites = useLoad<Site[]>('/api/sites');
  const [creating, { open, close }] = useDisclosure(false);
  const empty = { name: '', street: '', postalCode: '', city: '', country: me?.tenant?.country ?? 'AT', accountingUnit: null,
    languages: [me?.tenant?.language ?? 'de'] };

  return (
    <Page title={t('title')} actions={isManager(me) && <Button onClick={open}>{t('new')}</Button>}>
      {sites.loading && !sites.data ? <Loading /> : sites.error ? <LoadError message={errorText(t, sites.error)} /> : !sites.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('name')}</Table.Th><Table.Th>{t('address')}</Table.Th><Table.Th ta="right">{t('units')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sites.data.map((site) => (
                <Table.Tr key={site.id}>
                  <Table.Td><Anchor component={Link} to={`/sites/${site.id}`}>{site.name}</Anchor></Table.Td>
                  <Table.Td>{site.street}, {site.postalCode} {site.city}</Table.Td>
                  <Table.Td ta="right">{formatNumber(site.unitCount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={close} title={t('new')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <SiteForm initial={empty} submitLabel={t('common:create')} onCancel={close} onSubmit={async (input) => {
          const site = await post<Site>('/api/sites', input);
          close();
          navigate(`/sites/${site.id}`);
        }} />
      </Modal>
    </Page>
  );
}
