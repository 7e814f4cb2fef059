// The resident's invoices: what is still to pay first (amount, due date, reference, paid from the
// balance after a confirmation or by bank transfer with the PDF's QR code), then every invoice of
// the last 12 months; older ones in the archive.
import { Alert, Anchor, Button, Card, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { pdfUrl, type Invoice } from './invoices.api.ts';
import { InvoicesTable } from './InvoicesTable.tsx';
import { InvoiceStatusBadge } from './InvoiceStatusBadge.tsx';

function Unpaid({ invoice, onPay }: { invoice: Invoice; onPay(): void }) {
  const { t } = useTranslation('invoices');
  return (
    <Paper withBorder p="md" component="section" aria-label={t('unpaid.label', { number: invoice.number })}>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Text fw={700} size="lg">{formatMoney(invoice.amountDueMinor, invoice.currency)}</Text>
          <InvoiceStatusBadge invoice={invoice} />
        </Group>
        <Text size="sm">{t('unpaid.what', { number: invoice.number, date: formatDate(invoice.issuedAt), due: formatDate(invoice.dueOn) })}</Text>
        <Text size="sm">{t('unpaid.reference')}: <Code>{invoice.referenceFormatted}</Code></Text>
        <Group>
          <Button onClick={onPay}>{t('unpaid.payFromBalance')}</Button>
          <Button variant="light" component="a" href={pdfUrl(invoice)} target="_blank" rel="noopener">{t('unpaid.pay')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function InvoicesPage() {
  const { t } = useTranslation('invoices');
  const [archive, setArchive] = useState(false);
  const recent = useLoad<Invoice[]>('/api/me/invoices');
  const older = useLoad<Invoice[]>(archive ? '/api/me/invoices?archive=true' : null);
  const wallet = useLoad<{ available: number }>('/api/wallet');
  const [paying, setPaying] = useState<Invoice | null>(null);
  const pay = async () => {
    await post(`/api/me/invoices/${paying!.id}/pay`);
    notifications.show({ color: 'green', message: t('payFromBalance.done', { number: paying!.number }) });
    await Promise.all([recent.reload(), archive ? older.reload() : null, wallet.reload()]);
  };
  const unpaid = (recent.data ?? []).filter((i) => i.amountDueMinor > 0).concat((older.data ?? []).filter((i) => i.amountDueMinor > 0));

  return (
    <Page title={t('title')}>
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
