// One site: its address (editable by managers), its units, the printable instructions of its
// laundry rooms and garages, and deletion once it has no units.
import { Anchor, Button, Paper, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { del, patch } from '../../api.ts';
import { isManager, useSession } from '../../app/session.tsx';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { UnitsSection } from '../units/UnitsSection.tsx';
import { InstructionsSection } from './InstructionsSection.tsx';
import { SiteForm } from './SiteForm.tsx';
import type { Site } from './sites.api.ts';

export function SiteDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation('sites');
  const { me } = useSession();
  const navigate = useNavigate();
  const site = useLoad<Site>(`/api/sites/${id}`);
  const [deleting, { open, close }] = useDisclosure(false);
  const manager = isManager(me);

  if (site.loading && !site.data) return <Loading />;
  if (site.error || !site.data) return <LoadError message={errorText(t, site.error)} />;
  const { id: _id, unitCount: _count, ...initial } = site.data;

  return (
    <Page title={site.data.name} actions={<>
      <Anchor component={Link} to="/sites">{t('back')}</Anchor>
      <Anchor component={Link} to={`/sites/${id}/tariffs`}>{t('tariffs:link')}</Anchor>
      {manager && <Button color="red" variant="light" onClick={open}>{t('delete')}</Button>}
    </>}>
      {manager && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">{t('details')}</Title>
          <SiteForm key={JSON.stringify(initial)} initial={initial} submitLabel={t('common:save')} onSubmit={async (input) => {
            await patch(`/api/sites/${id}`, input);
            notifications.show({ message: t('common:saved') });
            await site.reload();
          }} />
        </Paper>
      )}
      <UnitsSection siteId={id!} editable={manager} onChange={site.reload} />
      {manager && <InstructionsSection site={site.data} />}
      <ConfirmModal opened={deleting} onClose={close} namespace="sites" title={t('delete')} message={t('deleteConfirm', { name: site.data.name })}
        confirmLabel={t('common:delete')} onConfirm={async () => { await del(`/api/sites/${id}`); navigate('/sites'); }} />
    </Page>
  );
}
