// The full receipt of a session: what ran, when, how much was consumed, at which price, what was
// charged with the VAT it contains, why it ended, and any debt it left.
import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { isRunning, SESSION_COLOR, type UsageSession } from './sessions.api.ts';
import { quantityText, unitPriceText } from './sessions.format.ts';

export function Receipt({ session }: { session: UsageSession }) {
  const { t } = useTranslation('sessions');
  const money = (minor: number) => formatMoney(minor, session.currency);
  const rows: [string, ReactNode][] = [
    [t('receipt.status'), <Badge key="status" color={SESSION_COLOR[session.status]} variant="light" miw="max-content">{t(`sessionStatus.${session.status}`)}</Badge>],
    [t('receipt.appliance'), `${session.applianceName} (${t(`kinds.${session.applianceKind}`)})`],
    [t('receipt.site'), session.siteName],
    [t('receipt.startedFrom'), t(`origins.${session.origin}`)],
    [t('receipt.started'), formatDateTime(session.startedAt)],
    [t('receipt.ended'), formatDateTime(session.stoppedAt)],
  ];
  if (session.preselectQuantity !== null) rows.push([t('receipt.maximum'), quantityText(t, session.unit, session.preselectQuantity)]);
  rows.push(
    [t('receipt.quantity'), quantityText(t, session.unit, session.quantity)],
    [t('receipt.unitPrice'), unitPriceText(t, session.unit, session.unitPriceMinor, session.currency)],
  );
  if (session.sessionFeeMinor > 0) rows.push([t('receipt.sessionFee'), money(session.sessionFeeMinor)]);
  if (isRunning(session.status)) rows.push([t('receipt.held'), money(session.heldMinor)]);
  if (session.amountMinor !== null) rows.push([t('receipt.amount'), <Text key="amount" fw={700} span data-testid="receipt-amount">{money(session.amountMinor)}</Text>]);
  if (session.vatMinor !== null) rows.push([t('receipt.vat', { rate: formatNumber(session.vatRatePercent) }), money(session.vatMinor)]);
  if (session.debtMinor > 0) rows.push([t('receipt.debt'), <Text key="debt" c="red" span>{money(session.debtMinor)}</Text>]);
  if (session.endedBy) rows.push([t('receipt.endedBy'), t(`endedBy.${session.endedBy}`)]);

  return (
    <Table aria-label={t('receipt.title')} withRowBorders verticalSpacing="xs">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="40%">{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
