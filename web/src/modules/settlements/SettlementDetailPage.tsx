// One settlement as its statement shows it: the figures, revenue and fees per site (with a bar
// showing what of each site's revenue the fees took), the fees line by line, where the payout went,
// and the statement and payout file to download.
import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { payoutFileUrl, statementUrl, type SettlementDetail, type SettlementFee } from './settlements.api.ts';

const PERIODS: Record<string, number> = { yearly: 1, quarterly: 4, monthly: 12 };
const kindOf = (period: string) => (period.includes('-Q') ? 'quarterly' : period.length === 7 ? 'monthly' : 'yearly');

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} size="lg">{value}</Text>
    </Card>
  );
}

export function SettlementDetailPage() {
  const { t } = useTranslation('settlements');
  const { id } = useParams();
  const loaded = useLoad<SettlementDetail>(`/api/settlements/${id}`);
  const s = loaded.data;
  const money = (minor: number) => formatMoney(minor, s!.currency);
  const feeText = (fee: SettlementFee) => t(`fees.${fee.kind}`, {
    quantity: fee.quantity, rate: fee.kind === 'card' ? `${formatNumber(fee.rateMinor / 100)} %` : money(fee.rateMinor), base: money(fee.baseMinor ?? 0),
    share: `1/${PERIODS[kindOf(s!.period)]}`,
  });

  return (
    <Page title={s ? t('detail.title', { period: s.period }) : t('title')} actions={<Anchor component={Link} to="/billing/settlements">{t('detail.back')}</Anchor>}>
      {loaded.error ? <LoadError message={errorText(t, loaded.error)} /> : !s ? <Loading /> : (
        <>
          <Text>{t('detail.period', { from: formatDate(`${s.firstDay}T12:00:00`), to: formatDate(`${s.lastDay}T12:00:00`) })}</Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t('columns.revenue')} value={money(s.revenueMinor)} />
            <Figure label={t('columns.fees')} value={money(s.feesMinor)} />
            {s.carriedInMinor !== 0 && <Figure label={t('detail.carriedIn')} value={money(s.carriedInMinor)} />}
            <Figure label={t('columns.payout')} value={money(s.payoutMinor)} />
            {s.carriedOutMinor !== 0 && <Figure label={t('detail.carriedOut')} value={money(s.carriedOutMinor)} />}
          </SimpleGrid>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('detail.sites')}</Title>
              <Table.ScrollContainer minWidth={720}>
                <Table aria-label={t('detail.sites')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('columns.site')}</Table.Th>
                      <Table.Th ta="right">{t('columns.terminals')}</Table.Th>
                      <Table.Th ta="right">{t('columns.revenue')}</Table.Th>
                      <Table.Th ta="right">{t('columns.fees')}</Table.Th>
                      <Table.Th w={160}>{t('detail.feeShare')}</Table.Th>
                      <Table.Th ta="right">{t('columns.payout')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.lines.map((line) => {
                      const feeShare = line.revenueMinor > 0 ? Math.min(100, (line.feesMinor / line.revenueMinor) * 100) : line.feesMinor > 0 ? 100 : 0;
                      return (
                        <Table.Tr key={line.lineNo}>
                          <Table.Td>{line.siteName ?? t('detail.noSite')}</Table.Td>
                          <Table.Td ta="right">{line.terminals}</Table.Td>
                          <Table.Td ta="right">{money(line.revenueMinor)}</Table.Td>
                          <Table.Td ta="right">{money(line.feesMinor)}</Table.Td>
                          <Table.Td>
                            <Progress.Root size="lg" aria-label={t('detail.feeShareOf', { site: line.siteName ?? t('detail.noSite'), percent: formatNumber(Math.round(feeShare)) })}>
                              <Progress.Section value={feeShare} color="orange" />
                              <Progress.Section value={100 - feeShare} color="teal" />
                            </Progress.Root>
                          </Table.Td>
                          <Table.Td ta="right">{line.payoutMinor > 0 ? money(line.payoutMinor) : '–'}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {s.split === 'per_site' && <Text size="xs" c="dimmed">{t('detail.perSiteNote')}</Text>}
            </Stack>
          </Card>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('columns.fees')}</Title>
              <Table aria-label={t('detail.feeLines')}>
                <Table.Tbody>
                  {s.fees.map((fee) => (
                    <Table.Tr key={fee.kind}><Table.Td>{feeText(fee)}</Table.Td><Table.Td ta="right">{money(fee.amountMinor)}</Table.Td></Table.Tr>
                  ))}
                  <Table.Tr><Table.Th>{t('detail.feesTotal')}</Table.Th><Table.Th ta="right">{money(s.feesMinor)}</Table.Th></Table.Tr>
                </Table.Tbody>
              </Table>
            </Stack>
          </Card>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('detail.payout')}</Title>
              {s.payoutMinor === 0 ? <Text>{t('detail.noPayout')}</Text> : s.lines.filter((l) => l.payoutMinor > 0).map((line) => (
                <Text key={line.lineNo}>{t('detail.paidTo', { amount: money(line.payoutMinor), holder: line.accountHolder, iban: line.ibanMasked })}</Text>
              ))}
              <Group>
                <Anchor href={statementUrl(s)}>{t('downloadStatement', { period: s.period })}</Anchor>
                {s.hasPayoutFile && <Anchor href={payoutFileUrl(s)}>{t('downloadPayoutFile', { period: s.period })}</Anchor>}
              </Group>
              <Text size="xs" c="dimmed">{t('detail.vatNote')}</Text>
            </Stack>
          </Card>
        </>
      )}
    </Page>
  );
}
