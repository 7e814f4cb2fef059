// The manager's office: import badge lists into its stock, find a badge by UID or label, and
// see what was imported when.
import { Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page.tsx';
import { ImportBadges } from './ImportBadges.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { StockList } from './StockList.tsx';

export function BadgeStockPage() {
  const { t } = useTranslation('badgestock');
  const [version, setVersion] = useState(0);
  return (
    <Page title={t('title')}>
      <ImportBadges mode="staff" onImported={() => setVersion((v) => v + 1)} />
      <Title order={2} size="h3">{t('stock.title')}</Title>
      <StockList version={version} />
      <Title order={2} size="h3">{t('imports.title')}</Title>
      <ImportHistory mode="staff" version={version} />
    </Page>
  );
}
