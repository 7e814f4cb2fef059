// One resident's wallet for staff: balance, manual corrections and fees, statement, payment slip.
import { Anchor, Group, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { PersonFees } from '../fees/PersonFees.tsx';
import { AdjustmentForm } from './AdjustmentForm.tsx';
import { BalanceCard } from './BalanceCard.tsx';
import { StatementSection } from './StatementSection.tsx';
import type { Wallet } from './wallets.api.ts';

export function WalletDetailPage() {
  const { personId } = useParams<{ personId: string }>();
  const { t } = useTranslation('wallets');
  const wallet = useLoad<Wallet>(`/api/wallets/${personId}`);
  const [version, setVersion] = useState(0);
  const { reload } = wallet;
  const changed = useCallback(() => { void reload(); setVersion((v) => v + 1); }, [reload]);

  if (wallet.loading && !wallet.data) return <Loading />;
  if (wallet.error || !wallet.data) return <LoadError message={errorText(t, wallet.error)} />;
  const w = wallet.data;

  return (
    <Page title={`${w.name} · ${w.customerNumber}`} actions={<Group gap="md">
      <Anchor component={Link} to="/wallets">{t('staff.back')}</Anchor>
      <Anchor component={Link} to={`/people/${w.personId}`}>{t('staff.person')}</Anchor>
      <Anchor href={`/api/people/${w.personId}/slip.pdf`} target="_blank" rel="noopener">{t('staff.slip')}</Anchor>
    </Group>}>
      <BalanceCard wallet={w} />
      <AdjustmentForm personId={w.personId} name={w.name} currency={w.currency} onChange={changed} />
      <PersonFees personId={w.personId} name={w.name} currency={w.currency} />
      <Title order={2} size="h4">{t('statement.title')}</Title>
      <StatementSection base={`/api/wallets/${w.personId}`} version={version} />
    </Page>
  );
}
