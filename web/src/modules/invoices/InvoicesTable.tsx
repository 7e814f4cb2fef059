// A list of invoices: number (to the details), date, amount, what is due, state and the PDF.
import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatMoney } from '../../format.ts';
import { Empty } from '../../ui/Page.tsx';
import { pdfUrl, type Invoice } from './invoices.api.ts';
import { InvoiceStatusBadge } from './InvoiceStatusBadge.tsx';

export function InvoicesTable({ invoices, label, detailPath, showCustomer = false }: { invoices: Invoice[]; label: string; detailPath: string; showCustomer?: boolean }) {
  const { t } = useTranslation('invoices');
  if (invoices.length === 0) return <Empty />;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.number')}</Table.Th>
            {showCustomer && <Table.Th>{t('columns.customer')}</Table.Th>}
            <Table.Th>{t('columns.issued')}</Table.Th>
            <Table.Th>{t('columns.due')}</Table.Th>
            <Table.Th ta="right">{t('columns.amount')}</Table.Th>
            <Table.Th ta="right">{t('columns.amountDue')}</Table.Th>
            <Table.Th>{t('columns.status')}</Table.Th>
            <Table.Th>{t('columns.pdf')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => (
            <Table.Tr key={invoice.id}>
              <Table.Td><Anchor component={Link} to={`${detailPath}/${invoice.id}`}>{invoice.number}</Anchor></Table.Td>
              {showCustomer && <Table.Td>{invoice.name} ({invoice.customerNumber})</Table.Td>}
              <Table.Td>{formatDate(invoice.issuedAt)}</Table.Td>
              <Table.Td>{formatDate(invoice.dueOn)}</Table.Td>
              <Table.Td ta="right">{formatMoney(invoice.grossMinor, invoice.currency)}</Table.Td>
              <Table.Td ta="right">{formatMoney(invoice.amountDueMinor, invoice.currency)}</Table.Td>
              <Table.Td><InvoiceStatusBadge invoice={invoice} /></Table.Td>
              <Table.Td><Anchor href={pdfUrl(invoice)} target="_blank" rel="noopener">{t('download', { number: invoice.number })}</Anchor></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
