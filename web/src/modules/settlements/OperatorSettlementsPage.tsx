// The operator's view of settlements: the platform's revenue (the fees it took) per currency and
// per manager, and every manager's settlements with their statements and payout files.
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { operatorPayoutFileUrl, operatorStatementUrl, type OperatorSettlement } from './settlements.api.ts';
import { SettlementsTable } from './SettlementsTable.tsx';

interface Totals { name: string; currency: string; fees: number; payout: number; count: number }

function totalsBy(settlements: OperatorSettlement[], key: (s: OperatorSettlement) => string, name: (s: OperatorSettlement) => string): Totals[] {
  const totals = new Map<string, Totals>();
  for (const s of settlements) {
    const k = `${key(s)}|${s.currency}`;
    const row = totals.get(k) ?? { name: name(s), currency: s.currency, fees: 0, payout: 0, count: 0 };
    row.fees += s.feesMinor;
    row.payout += s.payoutMinor;
    row.count += 1;
    totals.set(k, row);
  }
  return [...totals.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function OperatorSettlementsPage() {
  const { t } = useTranslation('settlements');
  const loaded = useLoad<OperatorSettlement[]>('/api/operator/settlements');
  const all = loaded.data ?? [];
  const byCurrency = totalsBy(all, (s) => s.currency, (s) => s.currency);
  const byManager = totalsBy(all, (s) => s.tenantId, (s) => s.tenantName);
  return (
    <Page title={t('operator.title')}>
      {loaded.error ? <LoadError message={errorText(t, loaded.error)} /> : !loaded.data ? <Loading /> : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {byCurrency.map((row) => (
              <Card withBorder padding="sm" key={row.currency}>
                <Text size="xs" c="dimmed">{t('operator.platformRevenue', { currency: row.currency })}</Text>
                <Text fw={700} size="lg">{formatMoney(row.fees, row.currency)}</Text>
                <Text size="xs" c="dimmed">{t('operator.paidOut', { amount: formatMoney(row.payout, row.currency), count: row.count })}</Text>
              </Card>
            ))}
          </SimpleGrid>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('operator.perManager')}</Title>
              <Table aria-label={t('operator.perManager')}>
                <Table.Thead><Table.Tr><Table.Th>{t('columns.manager')}</Table.Th><Table.Th ta="right">{t('operator.settlements')}</Table.Th><Table.Th ta="right">{t('columns.fees')}</Table.Th><Table.Th ta="right">{t('columns.payout')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {byManager.map((row) => (
                    <Table.Tr key={`${row.name}|${row.currency}`}><Table.Td>{row.name}</Table.Td><Table.Td ta="right">{row.count}</Table.Td><Table.Td ta="right">{formatMoney(row.fees, row.currency)}</Table.Td><Table.Td ta="right">{formatMoney(row.payout, row.currency)}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </Card>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('operator.all')}</Title>
              <SettlementsTable settlements={all} label={t('operator.all')} showManager statement={(s) => operatorStatementUrl(s)} payoutFile={(s) => operatorPayoutFileUrl(s)} />
            </Stack>
          </Card>
        </>
      )}
    </Page>
  );
}
