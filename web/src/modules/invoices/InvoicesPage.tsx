// The resident's invoices: what is still to pay first (amount, due date, reference, paid from the
// balance after a confirmation, by card on the payment provider's page, or by bank transfer with
// the PDF's QR code), then every invoice of the last 12 months (older ones in the archive), and the
// payments of the last 6 months. Back from the payment page, it follows the card payment.
import { Alert, Anchor, Button, Card, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { pdfUrl, type Invoice, type InvoicePayment } from './invoices.api.ts';
import { CardPaymentOutcome, PayByCardButton } from './InvoiceCardPayment.tsx';
import { InvoicesTable } from './InvoicesTable.tsx';
import { InvoiceStatusBadge } from './InvoiceStatusBadge.tsx';

function Unpaid({ invoice, onPay }: { invoice: Invoice; onPay(): void }) {
  const { t } = useTranslation('invoices');
  const [error, setError] = useState<unknown>(null);
  return (
    <Paper withBorder p="md" component="section" aria-label={t('unpaid.label', { number: invoice.number })}>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Text fw={700} size="lg">{formatMoney(invoice.amountDueMinor, invoice.currency)}</Text>
          <InvoiceStatusBadge invoice={invoice} />
        </Group>
        <Text size="sm">{t('unpaid.what', { number: invoice.number, date: formatDate(invoice.issuedAt), due: formatDate(invoice.dueOn) })}</Text>
        {invoice.reminderFeesMinor > 0 && <Text size="sm">{t('unpaid.fees', { fees: formatMoney(invoice.reminderFeesMinor, invoice.currency) })}</Text>}
        <Text size="sm">{t('unpaid.reference')}: <Code>{invoice.referenceFormatted}</Code></Text>
        <Group>
          <Button onClick={onPay}>{t('unpaid.payFromBalance')}</Button>
          <PayByCardButton invoice={invoice} onError={setError} />
          <Button variant="light" component="a" href={pdfUrl(invoice)} target="_blank" rel="noopener">{t('unpaid.pay')}</Button>
        </Group>
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
      </Stack>
    </Paper>
  );
}

function Payments({ payments }: { payments: InvoicePayment[] }) {
  const { t } = useTranslation('invoices');
  if (payments.length === 0) return <Text c="dimmed">{t('payments.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped aria-label={t('payments.title')}>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('payments.date')}</Table.Th><Table.Th>{t('columns.number')}</Table.Th><Table.Th>{t('payments.via')}</Table.Th><Table.Th ta="right">{t('columns.amount')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {payments.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{formatDate(p.paidAt)}</Table.Td>
              <Table.Td>{p.invoiceNumber}</Table.Td>
              <Table.Td>{t(`payments.${p.via}`)}</Table.Td>
              <Table.Td ta="right">{formatMoney(p.amountMinor, p.currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function InvoicesPage() {
  const { t } = useTranslation('invoices');
  const [archive, setArchive] = useState(false);
  const recent = useLoad<Invoice[]>('/api/me/invoices');
  const older = useLoad<Invoice[]>(archive ? '/api/me/invoices?archive=true' : null);
  const wallet = useLoad<{ available: number }>('/api/wallet');
  const payments = useLoad<InvoicePayment[]>('/api/me/payments');
  const [paying, setPaying] = useState<Invoice | null>(null);
  const pay = async () => {
    await post(`/api/me/invoices/${paying!.id}/pay`);
    notifications.show({ color: 'green', message: t('payFromBalance.done', { number: paying!.number }) });
    await Promise.all([recent.reload(), archive ? older.reload() : null, wallet.reload(), payments.reload()]);
  };
  // What the invoice no longer needed went to the wallet, so the balance is reloaded too.
  const cardPaid = () => { void Promise.all([recent.reload(), archive ? older.reload() : null, wallet.reload(), payments.reload()]); };
  const unpaid = (recent.data ?? []).filter((i) => i.amountDueMinor > 0).concat((older.data ?? []).filter((i) => i.amountDueMinor > 0));

  return (
    <Page title={t('title')}>
      <CardPaymentOutcome onSettled={cardPaid} />
      {recent.error ? <LoadError message={errorText(t, recent.error)} /> : !recent.data ? <Loading /> : (
        <>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('unpaid.title')}</Title>
              {unpaid.length === 0 ? <Text c="dimmed">{t('unpaid.none')}</Text> : unpaid.map((invoice) => <Unpaid key={invoice.id} invoice={invoice} onPay={() => setPaying(invoice)} />)}
              {unpaid.length > 0 && <Alert color="gray">{t('unpaid.howTo')}</Alert>}
            </Stack>
          </Card>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('recent.title')}</Title>
              <InvoicesTable invoices={recent.data} label={t('recent.title')} detailPath="/invoices" />
              {!archive
                ? <Anchor component="button" type="button" onClick={() => setArchive(true)}>{t('archive.show')}</Anchor>
                : older.error ? <LoadError message={errorText(t, older.error)} />
                : !older.data ? <Loading />
                : (
                  <>
                    <Title order={3} size="h5">{t('archive.title')}</Title>
                    <InvoicesTable invoices={older.data} label={t('archive.title')} detailPath="/invoices" />
                  </>
                )}
            </Stack>
          </Card>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h4">{t('payments.title')}</Title>
              {payments.error ? <LoadError message={errorText(t, payments.error)} /> : !payments.data ? <Loading /> : <Payments payments={payments.data} />}
            </Stack>
          </Card>
        </>
      )}
      <ConfirmModal opened={paying !== null} namespace="invoices" color="blue" title={t('payFromBalance.title')}
        message={paying ? t('payFromBalance.text', {
          amount: formatMoney(paying.amountDueMinor, paying.currency), number: paying.number,
          balance: formatMoney(wallet.data?.available ?? 0, paying.currency), after: formatMoney((wallet.data?.available ?? 0) - paying.amountDueMinor, paying.currency),
        }) : ''}
        confirmLabel={paying ? t('payFromBalance.confirm', { amount: formatMoney(paying.amountDueMinor, paying.currency) }) : ''}
        onConfirm={pay} onClose={() => setPaying(null)} />
    </Page>
  );
}
