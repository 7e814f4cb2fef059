// The manager's settlements: the contract they follow, and every settlement with its statement
// and payout file.
import { Card, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { ContractCard } from './ContractCard.tsx';
import { payoutFileUrl, statementUrl, type Settlement } from './settlements.api.ts';
import { SettlementsTable } from './SettlementsTable.tsx';

export function SettlementsPage() {
  const { t } = useTranslation('settlements');
  const { me } = useSession();
  const settlements = useLoad<Settlement[]>('/api/settlements');
  return (
    <Page title={t('title')}>
      <ContractCard currency={me?.tenant?.currency ?? 'EUR'} admin={me?.role === 'manager_admin'} />
      <Card withBorder>
        <Stack>
          <Title order={2} size="h4">{t('list')}</Title>
          {settlements.error ? <LoadError message={errorText(t, settlements.error)} /> : !settlements.data ? <Loading /> : (
            <SettlementsTable settlements={settlements.data} label={t('list')} detailPath="/billing/settlements" statement={statementUrl} payoutFile={payoutFileUrl} />
          )}
        </Stack>
      </Card>
    </Page>
  );
}
