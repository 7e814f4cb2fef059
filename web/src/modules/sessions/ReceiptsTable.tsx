// Finished sessions, newest first: when, which appliance, how much, what it cost with the VAT it
// contains, why it ended and any debt. Each links to its full receipt.
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime, formatMoney } from '../../format.ts';
import type { UsageSession } from './sessions.api.ts';
import { quantityText } from './sessions.format.ts';

export function ReceiptsTable({ sessions }: { sessions: UsageSession[] }) {
  const { t } = useTranslation('sessions');
  if (sessions.length === 0) return <Text c="dimmed">{t('receipts.none')}</Text>;
  const money = (minor: number | null, currency: string) => (minor === null ? '–' : formatMoney(minor, currency));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={t('receipts.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.date')}</Table.Th><Table.Th>{t('columns.appliance')}</Table.Th><Table.Th ta="right">{t('columns.quantity')}</Table.Th>
            <Table.Th ta="right">{t('columns.amount')}</Table.Th><Table.Th ta="right">{t('columns.vat')}</Table.Th>
            <Table.Th>{t('columns.endedBy')}</Table.Th><Table.Th ta="right">{t('columns.debt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.stoppedAt ?? s.startedAt)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/laundry/sessions/${s.id}`}>{s.applianceName}</Anchor>
                <Text size="xs" c="dimmed">{s.siteName}</Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{quantityText(t, s.unit, s.quantity)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={600}>{money(s.amountMinor, s.currency)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{money(s.vatMinor, s.currency)}</Table.Td>
              <Table.Td>{s.endedBy ? t(`endedBy.${s.endedBy}`) : '–'}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} c={s.debtMinor > 0 ? 'red' : undefined}>{s.debtMinor > 0 ? formatMoney(s.debtMinor, s.currency) : '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
