// One session's full receipt (/laundry/sessions/:id).
import { Anchor, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { Receipt } from './Receipt.tsx';
import type { UsageSession } from './sessions.api.ts';

export function SessionReceiptPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation('sessions');
  const session = useLoad<UsageSession>(`/api/me/sessions/${id}`);
  const back = <Anchor component={Link} to="/laundry/sessions">{t('receipt.back')}</Anchor>;
  if (session.error) return <Page title={t('receipt.title')} actions={back}><LoadError message={errorText(t, session.error)} /></Page>;
  if (!session.data) return <Loading />;
  const s = session.data;
  return (
    <Page title={t('receipt.heading', { name: s.applianceName, date: formatDateTime(s.stoppedAt ?? s.startedAt) })} actions={back}>
      <Paper withBorder p="md" maw={720}><Receipt session={s} /></Paper>
    </Page>
  );
}
