// Staff's badges: find any credential and act on it (history, block, unblock, take back, issue
// an order from stock), work the queue of residents' requests, issue badges and register fobs.
// The stock itself (imports) is on the badge stock page.
import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page.tsx';
import { CredentialSearch } from './CredentialSearch.tsx';
import { IssueBadge } from './IssueBadge.tsx';
import { RequestQueue } from './RequestQueue.tsx';

export function BadgesPage() {
  const { t } = useTranslation('credentials');
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <Page title={t('staff.title')}>
      <Tabs defaultValue="search" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="search">{t('staff.tabs.search')}</Tabs.Tab>
          <Tabs.Tab value="requests">{t('staff.tabs.requests')}</Tabs.Tab>
          <Tabs.Tab value="issue">{t('staff.tabs.issue')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="search" pt="md"><CredentialSearch version={version} /></Tabs.Panel>
        <Tabs.Panel value="requests" pt="md"><RequestQueue onDecided={changed} /></Tabs.Panel>
        <Tabs.Panel value="issue" pt="md"><IssueBadge onIssued={changed} /></Tabs.Panel>
      </Tabs>
    </Page>
  );
}
