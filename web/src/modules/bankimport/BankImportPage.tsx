// Bank import: upload camt.053/054 files, see which files came in, and work through the credits
// that need a person's decision.
import { Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { BankStatement } from './bankimport.api.ts';
import { ReviewQueue } from './ReviewQueue.tsx';
import { UploadStatement } from './UploadStatement.tsx';

export function BankImportPage() {
  const { t } = useTranslation('bankimport');
  const statements = useLoad<BankStatement[]>('/api/bank/statements');
  const [version, setVersion] = useState(0);

  return (
    <Page title={t('title')}>
      <UploadStatement onImported={() => { void statements.reload(); setVersion((v) => v + 1); }} />
      <Title order={2} size="h3">{t('review.title')}</Title>
      <ReviewQueue version={version} />
      <Title order={2} size="h3">{t('statements.title')}</Title>
      {statements.loading && !statements.data ? <Loading /> : statements.error ? <LoadError message={errorText(t, statements.error)} /> : !statements.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={t('statements.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('statements.importedAt')}</Table.Th><Table.Th>{t('statements.file')}</Table.Th><Table.Th>{t('statements.by')}</Table.Th>
                <Table.Th ta="right">{t('report.new')}</Table.Th><Table.Th ta="right">{t('report.matched')}</Table.Th>
                <Table.Th ta="right">{t('report.toReview')}</Table.Th><Table.Th ta="right">{t('report.duplicates')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statements.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.importedAt)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{s.fileName}<br /><small>{s.format} · {s.messageId}</small></Table.Td>
                  <Table.Td>{s.importedBy}</Table.Td>
                  <Table.Td ta="right">{s.newEntries}</Table.Td>
                  <Table.Td ta="right">{s.matched}</Table.Td>
                  <Table.Td ta="right">{s.toReview}</Table.Td>
                  <Table.Td ta="right">{s.duplicatesSkipped}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
