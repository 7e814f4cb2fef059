// The tariffs of one appliance kind: price per unit, session fee, VAT, period and state; future
// tariffs can be withdrawn by staff.
import { Badge, Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { stateColor, type ApplianceKind, type Tariff } from './tariffs.api.ts';

interface Props { kind: ApplianceKind; tariffs: Tariff[]; editable: boolean; onDelete(tariff: Tariff): void }

export function TariffTable({ kind, tariffs, editable, onDelete }: Props) {
  const { t } = useTranslation('tariffs');
  const title = t(`kinds.${kind}`);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {tariffs.length === 0 ? <Text c="dimmed">{t('none')}</Text> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.price')}</Table.Th><Table.Th>{t('columns.sessionFee')}</Table.Th><Table.Th>{t('columns.vat')}</Table.Th>
                <Table.Th>{t('columns.validFrom')}</Table.Th><Table.Th>{t('columns.validTo')}</Table.Th><Table.Th>{t('columns.state')}</Table.Th>
                {editable && <Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tariffs.map((tariff) => (
                <Table.Tr key={tariff.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`per.${tariff.metering}`, { price: formatMoney(tariff.unitPriceMinor, tariff.currency) })}</Table.Td>
                  <Table.Td>{tariff.sessionFeeMinor > 0 ? formatMoney(tariff.sessionFeeMinor, tariff.currency) : '–'}</Table.Td>
                  <Table.Td>{t('vatRate', { rate: formatNumber(tariff.vatRateBp / 100) })}</Table.Td>
                  <Table.Td>{formatDateTime(tariff.validFrom)}</Table.Td>
                  <Table.Td>{tariff.validTo ? formatDateTime(tariff.validTo) : t('openEnded')}</Table.Td>
                  <Table.Td><Badge color={stateColor[tariff.state]} variant="light">{t(`states.${tariff.state}`)}</Badge></Table.Td>
                  {editable && (
                    <Table.Td>
                      {tariff.state === 'future' && (
                        <Button size="xs" variant="default" color="red" aria-label={t('deleteNamed', { from: formatDateTime(tariff.validFrom) })}
                          onClick={() => onDelete(tariff)}>{t('common:delete')}</Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
