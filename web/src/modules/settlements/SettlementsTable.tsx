// A list of settlements: period (to the details), revenue, fees, what was paid out or carried,
// and the statement and payout file to download.
import { Anchor, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../format.ts';
import { Empty } from '../../ui/Page.tsx';
import type { OperatorSettlement, Settlement } from './settlements.api.ts';

interface Props {
  settlements: (Settlement | OperatorSettlement)[];
  label: string;
  /** Where a period links to; none on the operator's list. */
  detailPath?: string;
  showManager?: boolean;
  statement(s: Settlement): string;
  payoutFile(s: Settlement): string;
}

export function SettlementsTable({ settlements, label, detailPath, showManager = false, statement, payoutFile }: Props) {
  const { t } = useTranslation('settlements');
  if (settlements.length === 0) return <Empty />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {showManager && <Table.Th>{t('columns.manager')}</Table.Th>}
            <Table.Th>{t('columns.period')}</Table.Th>
            <Table.Th ta="right">{t('columns.terminals')}</Table.Th>
            <Table.Th ta="right">{t('columns.revenue')}</Table.Th>
            <Table.Th ta="right">{t('columns.fees')}</Table.Th>
            <Table.Th ta="right">{t('columns.payout')}</Table.Th>
            <Table.Th ta="right">{t('columns.carried')}</Table.Th>
            <Table.Th>{t('columns.documents')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {settlements.map((s) => (
            <Table.Tr key={s.id}>
              {showManager && <Table.Td>{(s as OperatorSettlement).tenantName}</Table.Td>}
              <Table.Td>{detailPath ? <Anchor component={Link} to={`${detailPath}/${s.id}`}>{s.period}</Anchor> : s.period}</Table.Td>
              <Table.Td ta="right">{s.terminals}</Table.Td>
              <Table.Td ta="right">{formatMoney(s.revenueMinor, s.currency)}</Table.Td>
              <Table.Td ta="right">{formatMoney(s.feesMinor, s.currency)}</Table.Td>
              <Table.Td ta="right">{formatMoney(s.payoutMinor, s.currency)}</Table.Td>
              <Table.Td ta="right">{formatMoney(s.carriedOutMinor, s.currency)}</Table.Td>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Anchor href={statement(s)} aria-label={t('downloadStatement', { period: s.period })}>{t('statement')}</Anchor>
                  {s.hasPayoutFile && <Anchor href={payoutFile(s)} aria-label={t('downloadPayoutFile', { period: s.period })}>{t('payoutFile')}</Anchor>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
