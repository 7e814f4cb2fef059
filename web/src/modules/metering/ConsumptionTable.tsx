// The chart's rows as a table: each period with its consumption, the share of it measured and
// estimated, and what the value rests on; with a comparison, the compared period beside it.
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChartPeriod } from './calendar.ts';
import { formatConsumption, formatShare, periodLabel, shareOf, type DataStatus, type PeriodData } from './consumption.ts';

const STATUS_COLOR: Record<DataStatus, string> = { measured: 'green', estimated: 'yellow', partial: 'gray', none: 'gray' };

interface Props { period: ChartPeriod; unit: string; current: PeriodData[]; comparison: PeriodData[] | null }

export function ConsumptionTable({ period, unit, current, comparison }: Props) {
  const { t } = useTranslation('metering');
  const status = (p: PeriodData) => <Badge color={STATUS_COLOR[p.status]} variant={p.status === 'none' ? 'outline' : 'light'}>{t(`status.${p.status}`)}</Badge>;
  return (
    <Table.ScrollContainer minWidth={comparison ? 860 : 600}>
      <Table striped aria-label={t('table.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.period')}</Table.Th>
            <Table.Th ta="right">{t('table.consumption')}</Table.Th>
            <Table.Th ta="right">{t('table.measured')}</Table.Th>
            <Table.Th ta="right">{t('table.estimated')}</Table.Th>
            <Table.Th>{t('table.data')}</Table.Th>
            {comparison && <Table.Th>{t('table.comparisonPeriod')}</Table.Th>}
            {comparison && <Table.Th ta="right">{t('table.comparison')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {current.map((p, i) => {
            const other = comparison?.[i];
            return (
              <Table.Tr key={p.bucket.start}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodLabel(t, period, p.bucket)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{p.consumption === null ? '–' : formatConsumption(p.consumption, unit)}</Table.Td>
                <Table.Td ta="right">{formatShare(shareOf(p, p.measuredSeconds))}</Table.Td>
                <Table.Td ta="right">{formatShare(shareOf(p, p.estimatedSeconds))}</Table.Td>
                <Table.Td>{status(p)}</Table.Td>
                {other && <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm" c="dimmed">{periodLabel(t, period, other.bucket)}</Text></Table.Td>}
                {other && (
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {other.consumption === null ? '–' : formatConsumption(other.consumption, unit)}
                    {other.status !== 'measured' && <Text span size="xs" c="dimmed"> ({t(`status.${other.status}`)})</Text>}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
