// Upload of a camt.053 / camt.054 file with a progress bar, then the import report: what was
// new, credited automatically, left for review or skipped as already imported, and which invoices
// and fees the credits paid (what came beyond, or too late, credited to the wallet instead).
import { Alert, Button, Card, FileInput, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useFileUpload } from '../../ui/useFileUpload.ts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { uploadStatement, type FeeSettlement, type ImportReport, type InvoiceSettlement } from './bankimport.api.ts';

function Figure({ label, value }: { label: string; value: string | number }) {
  return <div><Text size="sm" c="dimmed">{label}</Text><Text fw={600} size="lg">{value}</Text></div>;
}

function FeeLine({ fee }: { fee: FeeSettlement }) {
  const { t } = useTranslation('bankimport');
  const money = (minor: number) => formatMoney(minor, fee.currency);
  const key = fee.outcome === 'paid' && fee.toWalletMinor > 0 ? 'paidExcess' : fee.outcome;
  return <Text size="sm">{t(`report.fees.${key}`, { reference: fee.reference, fee: money(fee.feeMinor), received: money(fee.receivedMinor), wallet: money(fee.toWalletMinor) })}</Text>;
}

function InvoiceLine({ invoice }: { invoice: InvoiceSettlement }) {
  const { t } = useTranslation('bankimport');
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const key = invoice.outcome === 'paid' && invoice.toWalletMinor > 0 ? 'paidExcess' : invoice.outcome;
  return <Text size="sm">{t(`report.invoices.${key}`, { number: invoice.number, received: money(invoice.receivedMinor), due: money(invoice.dueMinor), wallet: money(invoice.toWalletMinor) })}</Text>;
}

export function UploadStatement({ onImported }: { onImported(): void }) {
  const { t } = useTranslation('bankimport');
  const { file, setFile, progress, result: report, error, upload } = useFileUpload(uploadStatement, onImported);
  // A malformed file: the server's message names the problem (element, line), so it is shown too.
  const message = error instanceof ApiError && error.code === 'bankimport.malformed'
    ? `${t('errors.bankimport.malformed')} ${error.fields[0]?.message ?? error.message}` : errorText(t, error);

  return (
    <Card withBorder>
      <form onSubmit={upload}>
        <Stack>
          <Title order={2} size="h4">{t('upload.title')}</Title>
          <Text size="sm" c="dimmed">{t('upload.hint')}</Text>
          <Group align="flex-end" wrap="wrap">
            <FileInput label={t('upload.file')} placeholder={t('upload.choose')} accept=".xml,application/xml,text/xml" value={file} onChange={setFile}
              clearable w={{ base: '100%', xs: 360 }} clearButtonProps={{ 'aria-label': t('upload.clear') }} />
            <Button type="submit" disabled={!file} loading={progress !== null}>{t('upload.submit')}</Button>
          </Group>
          {progress !== null && <Progress value={progress * 100} aria-label={t('upload.progress')} animated={progress >= 1} />}
          {error !== null && <Alert color="red" role="alert">{message}</Alert>}
          {report && (
            <Alert color={report.alreadyImported ? 'yellow' : 'green'} role="status" title={report.alreadyImported ? t('report.alreadyImported') : t('report.title')}>
              <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" mt="xs">
                <Figure label={t('report.new')} value={report.newEntries} />
                <Figure label={t('report.matched')} value={report.matched} />
                <Figure label={t('report.toReview')} value={report.toReview} />
                <Figure label={t('report.duplicates')} value={report.duplicatesSkipped} />
                <Figure label={t('report.ignored')} value={report.ignored} />
              </SimpleGrid>
              <Text mt="xs">{t('report.credited')}: {Object.entries(report.credited).map(([currency, minor]) => formatMoney(minor, currency)).join(', ') || '–'}</Text>
              {report.invoices.map((invoice, i) => <InvoiceLine key={i} invoice={invoice} />)}
              {report.fees.map((fee, i) => <FeeLine key={i} fee={fee} />)}
              <Text size="xs" c="dimmed">{report.format} · {report.messageId}</Text>
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
