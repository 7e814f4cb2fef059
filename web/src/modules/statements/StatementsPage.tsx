// Owner statements (a manager that bills its residents itself): pick a month, see each
// resident's postpaid consumption with VAT, open their statement as PDF, or export the month as
// CSV for the billing software.
import { Anchor, Button, Card, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';

interface StatementSummary { personId: string; customerNumber: string; name: string; charges: number; netMinor: number; vatMinor: number; grossMinor: number }
interface MonthStatements { period: string; currency: string; pricesIncludeVat: boolean; statements: StatementSummary[]; netMinor: number; vatMinor: number; grossMinor: number }

/** The last twelve months, newest first, as YYYY-MM; the current month is still running. */
function recentMonths(today = new Date()): string[] {
  return Array.from({ length: 13 }, (_, i) => {
    const d = new Date(today.getFullYear(), today.getMonth() - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

export function StatementsPage() {
  const { t, i18n } = useTranslation('statements');
  const months = recentMonths();
  const [period, setPeriod] = useState(months[1]!);
  const loaded = useLoad<MonthStatements>(`/api/statements?period=${period}`);
  const monthName = (m: string) => new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' }).format(new Date(`${m}-15T12:00:00`));
  const data = loaded.data;
  const money = (minor: number) => formatMoney(minor, data!.currency);

  return (
    <Page title={t('title')} actions={
      <Group gap="xs">
        <Select aria-label={t('month')} value={period} onChange={(v) => v && setPeriod(v)} allowDeselect={false} data={months.map((m) => ({ value: m, label: monthName(m) }))} w={200} />
        <Button component="a" href={`/api/statements/export?period=${period}`} variant="light">{t('export', { month: monthName(period) })}</Button>
      </Group>
    }>
      <Text c="dimmed" size="sm">{t('intro')}</Text>
      <Card withBorder>
        {loaded.error ? <LoadError message={errorText(t, loaded.error)} /> : !data ? <Loading /> : data.statements.length === 0 ? <Empty /> : (
          <Stack>
            <Table.ScrollContainer minWidth={720}>
              <Table striped aria-label={t('table', { month: monthName(period) })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.customer')}</Table.Th>
                    <Table.Th>{t('columns.name')}</Table.Th>
                    <Table.Th ta="right">{t('columns.charges')}</Table.Th>
                    <Table.Th ta="right">{t('columns.net')}</Table.Th>
                    <Table.Th ta="right">{t('columns.vat')}</Table.Th>
                    <Table.Th ta="right">{t('columns.gross')}</Table.Th>
                    <Table.Th>{t('columns.pdf')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.statements.map((s) => (
                    <Table.Tr key={s.personId}>
                      <Table.Td>{s.customerNumber}</Table.Td>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td ta="right">{s.charges}</Table.Td>
                      <Table.Td ta="right">{money(s.netMinor)}</Table.Td>
                      <Table.Td ta="right">{money(s.vatMinor)}</Table.Td>
                      <Table.Td ta="right">{money(s.grossMinor)}</Table.Td>
                      <Table.Td><Anchor href={`/api/statements/${s.personId}/pdf?period=${period}`} target="_blank" rel="noopener" aria-label={t('pdfOf', { name: s.name })}>PDF</Anchor></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th colSpan={3}>{t('total')}</Table.Th>
                    <Table.Th ta="right">{money(data.netMinor)}</Table.Th>
                    <Table.Th ta="right">{money(data.vatMinor)}</Table.Th>
                    <Table.Th ta="right">{money(data.grossMinor)}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
            <Text size="xs" c="dimmed">{data.pricesIncludeVat ? t('pricesInclude') : t('pricesExclude')}</Text>
          </Stack>
        )}
      </Card>
    </Page>
  );
}
