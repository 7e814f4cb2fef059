// One invoice as the PDF shows it: the lines, VAT per rate, totals, what is due and the PDF.
// Residents reach it from /invoices, staff from /billing/invoices.
import { Anchor, Card, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { pdfUrl, type InvoiceDetail } from './invoices.api.ts';
import { InvoiceStatusBadge } from './InvoiceStatusBadge.tsx';

const percent = (bp: number) => `${formatNumber(bp / 100)} %`;

export function InvoiceDetailPage() {
  const { t } = useTranslation('invoices');
  const { id } = useParams();
  const back = useLocation().pathname.startsWith('/billing') ? '/billing/invoices' : '/invoices';
  const invoice = useLoad<InvoiceDetail>(`/api/invoices/${id}`);
  const i = invoice.data;
  const money = (minor: number) => formatMoney(minor, i!.currency);

  return (
    <Page title={i ? t('detail.title', { number: i.number }) : t('title')} actions={<Anchor component={Link} to={back}>{t('detail.back')}</Anchor>}>
      {invoice.error ? <LoadError message={errorText(t, invoice.error)} /> : !i ? <Loading /> : (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Text>{t('detail.facts', { name: i.name, customer: i.customerNumber, date: formatDate(i.issuedAt), due: formatDate(i.dueOn) })}</Text>
              <InvoiceStatusBadge invoice={i} />
            </Group>
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label={t('detail.lines')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.description')}</Table.Th>
                    <Table.Th ta="right">{t('columns.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('columns.vat')}</Table.Th>
                    <Table.Th ta="right">{t('columns.net')}</Table.Th>
                    <Table.Th ta="right">{t('columns.amount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {i.lines.map((line) => (
                    <Table.Tr key={line.lineNo}>
                      <Table.Td>{line.description}</Table.Td>
                      <Table.Td ta="right">{formatNumber(Number(line.quantity))} {t(`units.${line.unit}`)}</Table.Td>
                      <Table.Td ta="right">{percent(line.vatRateBp)}</Table.Td>
                      <Table.Td ta="right">{money(line.netMinor)}</Table.Td>
                      <Table.Td ta="right">{money(line.grossMinor)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr><Table.Td colSpan={4}>{t('detail.net')}</Table.Td><Table.Td ta="right">{money(i.netMinor)}</Table.Td></Table.Tr>
                  {i.vat.map((row) => (
                    <Table.Tr key={row.vatRateBp}>
                      <Table.Td colSpan={4}>{t('detail.vat', { rate: percent(row.vatRateBp), net: money(row.netMinor) })}</Table.Td>
                      <Table.Td ta="right">{money(row.vatMinor)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr><Table.Th colSpan={4}>{t('detail.total')}</Table.Th><Table.Th ta="right">{money(i.grossMinor)}</Table.Th></Table.Tr>
                  {i.amountDueMinor > 0 && <Table.Tr><Table.Th colSpan={4}>{t('detail.due')}</Table.Th><Table.Th ta="right">{money(i.amountDueMinor)}</Table.Th></Table.Tr>}
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" c="dimmed">{i.pricesIncludeVat ? t('detail.pricesInclude') : t('detail.pricesExclude')}</Text>
            <Text size="sm">{t('unpaid.reference')}: <Code>{i.referenceFormatted}</Code></Text>
            <Anchor href={pdfUrl(i)} target="_blank" rel="noopener">{t('download', { number: i.number })}</Anchor>
          </Stack>
        </Card>
      )}
    </Page>
  );
}
