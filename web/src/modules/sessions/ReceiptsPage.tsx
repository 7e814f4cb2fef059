// All of the resident's finished sessions with their receipts; running ones are on /laundry.
import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { ReceiptsTable } from './ReceiptsTable.tsx';
import type { UsageSession } from './sessions.api.ts';

export function ReceiptsPage() {
  const { t } = useTranslation('sessions');
  const sessions = useLoad<UsageSession[]>('/api/me/sessions');
  return (
    <Page title={t('receipts.title')} actions={<Anchor component={Link} to="/laundry">{t('receipts.back')}</Anchor>}>
      {sessions.error ? <LoadError message={errorText(t, sessions.error)} />
        : !sessions.data ? <Loading />
        : <ReceiptsTable sessions={sessions.data.filter((s) => s.status === 'completed')} />}
    </Page>
  );
}
