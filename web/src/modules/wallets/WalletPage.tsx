// The resident's wallet: balance, open fees, top-up by card or bank transfer, sending money to a
// neighbour, asking for a refund and the statement. /wallet/top-ups/:paymentId is where a
// payment page sends the resident back; the card section then follows that payment.
import { SimpleGrid, Stack, Tabs } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { BankTransferTopUp } from '../banking/BankTransferTopUp.tsx';
import { OpenFees } from '../fees/OpenFees.tsx';
import { CardTopUp } from '../payments/CardTopUp.tsx';
import { RefundRequestSection } from '../refunds/RefundRequestSection.tsx';
import { BalanceCard } from './BalanceCard.tsx';
import { StatementSection } from './StatementSection.tsx';
import { TransfersSection } from './TransfersSection.tsx';
import type { Wallet } from './wallets.api.ts';

export function WalletPage() {
  const { t } = useTranslation('wallets');
  const { paymentId } = useParams<{ paymentId?: string }>();
  const wallet = useLoad<Wallet>('/api/wallet');
  const [version, setVersion] = useState(0);
  const { reload } = wallet;
  const changed = useCallback(() => { void reload(); setVersion((v) => v + 1); }, [reload]);

  if (wallet.loading && !wallet.data) return <Loading />;
  if (wallet.error || !wallet.data) return <LoadError message={errorText(t, wallet.error)} />;
  const { currency } = wallet.data;

  return (
    <Page title={t('title')}>
      <BalanceCard wallet={wallet.data} />
      <OpenFees available={wallet.data.available} onPaid={changed} />
      <Tabs defaultValue="topUp" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="topUp">{t('tabs.topUp')}</Tabs.Tab>
          <Tabs.Tab value="send">{t('tabs.send')}</Tabs.Tab>
          <Tabs.Tab value="refund">{t('tabs.refund')}</Tabs.Tab>
          <Tabs.Tab value="statement">{t('tabs.statement')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="topUp" pt="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CardTopUp currency={currency} resumeId={paymentId} onCredited={changed} />
            <BankTransferTopUp />
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="send" pt="md"><TransfersSection currency={currency} onChange={changed} /></Tabs.Panel>
        <Tabs.Panel value="refund" pt="md"><RefundRequestSection currency={currency} available={wallet.data.available} onChange={changed} /></Tabs.Panel>
        <Tabs.Panel value="statement" pt="md"><Stack><StatementSection base="/api/wallet" version={version} /></Stack></Tabs.Panel>
      </Tabs>
    </Page>
  );
}
