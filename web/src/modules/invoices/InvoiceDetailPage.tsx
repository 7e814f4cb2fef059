// One invoice as the PDF shows it: the lines, VAT per rate, totals, what is due and the PDF, the
// other half of a correction (credit note ↔ invoice), a business customer's company and VAT ID, and
// whether the PDF is an e-invoice (Factur-X / ZUGFeRD). Residents reach it from /invoices, staff
// from /billing/invoices; the manager's administrators correct an invoice here with a credit note.
import { Alert, Anchor, Badge, Button, Card, Code, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { pdfUrl, type Invoice, type InvoiceDetail } from './invoices.api.ts';
import { InvoiceStatusBadge } from './InvoiceStatusBadge.tsx';

const percent = (bp: number) => `${formatNumber(bp / 100)} %`;

function CreditNoteModal({ invoice, opened, onClose, onDone }: { invoice: InvoiceDetail; opened: boolean; onClose(): void; onDone(creditNote: Invoice): void }) {
  const { t } = useTranslation('invoices');
  const [reason, setReason] = useState('');
  const close = () => { setReason(''); issue.setError(null); onClose(); };
  const issue = useSubmit(t, async () => {
    const note = await post<Invoice>(`/api/invoices/${invoice.id}/credit-note`, { reason: reason.trim() });
    notifications.show({ color: 'green', message: t('credit.done', { number: note.number }) });
    close();
    onDone(note);
  });
  return (
    <Modal opened={opened} onClose={close} title={t('credit.title', { number: invoice.number })} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={issue.submit} noValidate>
        <Stack>
          <Text>{t('credit.text', { amount: formatMoney(invoice.grossMinor, invoice.currency), name: invoice.name, paid: formatMoney(invoice.paidMinor, invoice.currency) })}</Text>
          <Textarea label={t('credit.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} maxLength={300} error={issue.fields.reason} />
          {issue.error !== null && <Alert color="red" role="alert">{errorText(t, issue.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
            <Button type="submit" color="red" loading={issue.busy} disabled={reason.trim().length < 3}>{t('credit.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function InvoiceDetailPage() {
  const { t } = useTranslation('invoices');
  const { id } = useParams();
  const base = useLocation().pathname.startsWith('/billing') ? '/billing/invoices' : '/invoices';
  const navigate = useNavigate();
  const { me } = useSession();
  const [crediting, setCrediting] = useState(false);
  const invoice = useLoad<InvoiceDetail>(`/api/invoices/${id}`);
  const i = invoice.data;
  const money = (minor: number) => formatMoney(minor, i!.currency);
  const canCredit = me?.role === 'manager_admin' && i?.kind === 'invoice' && i.status !== 'credited';
  const title = !i ? t('title') : i.kind === 'credit_note' ? t('detail.creditTitle', { number: i.number }) : t('detail.title', { number: i.number });

  return (
    <Page title={title} actions={<Anchor component={Link} to={base}>{t('detail.back')}</Anchor>}>
      {invoice.error ? <LoadError message={errorText(t, invoice.error)} /> : !i ? <Loading /> : (
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Stack gap={2}>
                <Text>{t('detail.facts', { name: i.name, customer: i.customerNumber, date: formatDate(i.issuedAt), due: formatDate(i.dueOn) })}</Text>
                {i.buyerCompany && <Text size="sm">{i.buyerCompany}{i.buyerVatId && ` · ${t('detail.buyerVatId', { vatId: i.buyerVatId })}`}</Text>}
              </Stack>
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
                  {i.reminderFeesMinor > 0 && <Table.Tr><Table.Td colSpan={4}>{t('reminders.fees')}</Table.Td><Table.Td ta="right">{money(i.reminderFeesMinor)}</Table.Td></Table.Tr>}
                  {i.amountDueMinor > 0 && <Table.Tr><Table.Th colSpan={4}>{t('detail.due')}</Table.Th><Table.Th ta="right">{money(i.amountDueMinor)}</Table.Th></Table.Tr>}
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" c="dimmed">{i.pricesIncludeVat ? t('detail.pricesInclude') : t('detail.pricesExclude')}</Text>
            {i.reminders.length > 0 && (
              <Text size="sm">
                {t('reminders.sent')}: {i.reminders.map((r) => t('reminders.line', { level: t(`reminders.level_${Math.min(r.level, 5)}`), date: formatDate(r.remindedAt) })
                  + (r.feeMinor > 0 ? ` (${t('reminders.fee', { fee: money(r.feeMinor) })})` : '')).join(', ')}
              </Text>
            )}
            {i.corrects && (
              <Group gap="xs">
                <Text size="sm">{t('detail.corrects', { number: i.corrects.number, reason: i.reason })}</Text>
                <Anchor size="sm" component={Link} to={`${base}/${i.corrects.id}`}>{t('detail.title', { number: i.corrects.number })}</Anchor>
              </Group>
            )}
            {i.creditNote && (
              <Group gap="xs">
                <Text size="sm">{t('detail.correctedBy', { number: i.creditNote.number })}</Text>
                <Anchor size="sm" component={Link} to={`${base}/${i.creditNote.id}`}>{t('detail.creditTitle', { number: i.creditNote.number })}</Anchor>
              </Group>
            )}
            {i.kind === 'invoice' && <Text size="sm">{t('unpaid.reference')}: <Code>{i.referenceFormatted}</Code></Text>}
            {i.eInvoice && (
              <Group gap="xs">
                <Badge variant="light" color="teal">{t('detail.eInvoice')}</Badge>
                <Text size="sm" c="dimmed">{t('detail.eInvoiceNote')}</Text>
              </Group>
            )}
            <Group justify="space-between">
              <Anchor href={pdfUrl(i)} target="_blank" rel="noopener">{t('download', { number: i.number })}</Anchor>
              {canCredit && <Button variant="light" color="red" onClick={() => setCrediting(true)}>{t('credit.issue')}</Button>}
            </Group>
          </Stack>
        </Card>
      )}
      {i && canCredit && <CreditNoteModal invoice={i} opened={crediting} onClose={() => setCrediting(false)} onDone={(note) => navigate(`${base}/${note.id}`)} />}
    </Page>
  );
}
