// The operator: import a supplier's badge list and assign each badge to the property manager its
// row names; every manager's imports; UIDs that several managers hold.
import { Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page.tsx';
import { DuplicatesList } from './DuplicatesList.tsx';
import { ImportBadges } from './ImportBadges.tsx';
import { ImportHistory } from './ImportHistory.tsx';

export function OperatorBadgeStockPage() {
  const { t } = useTranslation('badgestock');
  const [version, setVersion] = useState(0);
  return (
    <Page title={t('title')}>
      <ImportBadges mode="operator" onImported={() => setVersion((v) => v + 1)} />
      <Title order={2} size="h3">{t('imports.title')}</Title>
      <ImportHistory mode="operator" version={version} />
      <Title order={2} size="h3">{t('duplicates.title')}</Title>
      <Text size="sm" c="dimmed">{t('duplicates.hint')}</Text>
      <DuplicatesList version={version} />
    </Page>
  );
}
