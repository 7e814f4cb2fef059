// The balance at a glance: what can be spent now, what is held (open transfers, refunds,
// running sessions) and a warning when offline usage left the wallet in debt.
import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format.ts';
import type { Wallet } from './wallets.api.ts';

export function BalanceCard({ wallet }: { wallet: Wallet }) {
  const { t } = useTranslation('wallets');
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">{t('balance.title')}</Title>
        <Group align="baseline" gap="xs" wrap="wrap">
          <Text size="2.2rem" fw={700} lh={1.1} data-testid="available-balance" c={wallet.available < 0 ? 'red' : undefined}>
            {formatMoney(wallet.available, wallet.currency)}
          </Text>
          <Text c="dimmed">{t('balance.available')}</Text>
        </Group>
        {wallet.pendingDebits > 0 && (
          <Text size="sm" c="dimmed">{t('balance.held', { amount: formatMoney(wallet.pendingDebits, wallet.currency), posted: formatMoney(wallet.posted, wallet.currency) })}</Text>
        )}
        {wallet.inDebt && <Alert color="orange" role="alert" title={t('balance.debtTitle')}>{t('balance.debtText')}</Alert>}
      </Stack>
    </Card>
  );
}
