// The tariffs of one site, one table per appliance kind, the form to add one, and the withdrawal
// of a tariff that has not started (the one before it then runs on).
import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { del } from '../../api.ts';
import { isManager, useSession } from '../../app/session.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Site } from '../sites/sites.api.ts';
import { AddTariffForm } from './AddTariffForm.tsx';
import { APPLIANCE_KINDS, type Tariff } from './tariffs.api.ts';
import { TariffTable } from './TariffTable.tsx';

export function TariffsPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation('tariffs');
  const { me } = useSession();
  const site = useLoad<Site>(`/api/sites/${id}`);
  const tariffs = useLoad<Tariff[]>(`/api/sites/${id}/tariffs`);
  const [deleting, setDeleting] = useState<Tariff | null>(null);
  const manager = isManager(me);

  const failed = site.error ?? tariffs.error;
  if (failed) return <LoadError message={errorText(t, failed)} />;
  if (!site.data || !tariffs.data) return <Loading />;

  return (
    <Page title={t('title', { site: site.data.name })} actions={<Anchor component={Link} to={`/sites/${id}`}>{t('back')}</Anchor>}>
      {APPLIANCE_KINDS.map((kind) => (
        <TariffTable key={kind} kind={kind} tariffs={tariffs.data!.filter((x) => x.applianceKind === kind)} editable={manager} onDelete={setDeleting} />
      ))}
      {manager && <AddTariffForm siteId={id!} country={site.data.country} currency={me?.tenant?.currency ?? 'EUR'} onAdded={tariffs.reload} />}
      <ConfirmModal opened={deleting !== null} onClose={() => setDeleting(null)} namespace="tariffs" title={t('delete')}
        message={deleting ? t('deleteConfirm', {
          kind: t(`kinds.${deleting.applianceKind}`), from: formatDateTime(deleting.validFrom),
          price: t(`per.${deleting.metering}`, { price: formatMoney(deleting.unitPriceMinor, deleting.currency) }),
        }) : ''}
        confirmLabel={t('common:delete')}
        onConfirm={async () => {
          await del(`/api/sites/${id}/tariffs/${deleting!.id}`);
          notifications.show({ color: 'green', message: t('deleted') });
          await tariffs.reload();
        }} />
    </Page>
  );
}
