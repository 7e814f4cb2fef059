// Every mail the platform wrote, newest first, whether or not SMTP sent it; a row opens the text.
import { Badge, Modal, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { Pager } from '../../ui/Pager.tsx';

interface OutboxMail {
  id: number | string;
  recipient: string;
  subject: string;
  bodyText: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

export function OutboxPage() {
  const { t } = useTranslation('mail');
  const [page, setPage] = useState(1);
  const mails = useLoad<{ page: number; pageSize: number; mails: OutboxMail[] }>(`/api/operator/outbox?page=${page}`);
  const [reading, setReading] = useState<OutboxMail | null>(null);
  const list = mails.data?.mails ?? [];

  return (
    <Page title={t('title')}>
      {mails.loading && !mails.data ? <Loading /> : mails.error ? <LoadError message={errorText(t, mails.error)} /> : !list.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('at')}</Table.Th><Table.Th>{t('recipient')}</Table.Th><Table.Th>{t('subject')}</Table.Th><Table.Th>{t('status')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((mail) => (
                <Table.Tr key={mail.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(mail.createdAt)}</Table.Td>
                  <Table.Td>{mail.recipient}</Table.Td>
                  <Table.Td><UnstyledButton c="blue" td="underline" fz="sm" onClick={() => setReading(mail)}>{mail.subject}</UnstyledButton></Table.Td>
                  <Table.Td>
                    {mail.sentAt ? <Badge color="green" variant="light">{t('sent')}</Badge>
                      : mail.error ? <Badge color="red" variant="light" title={mail.error}>{t('failed')}</Badge>
                        : <Badge color="gray" variant="light">{t('notSent')}</Badge>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={page} onPage={setPage} hasNext={!!mails.data && list.length >= mails.data.pageSize} />
      <Modal opened={reading !== null} onClose={() => setReading(null)} title={reading?.subject} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
        {reading && (
          <Stack gap="xs">
            <Text size="sm"><b>{t('recipient')}:</b> {reading.recipient}</Text>
            <Text size="sm"><b>{t('at')}:</b> {formatDateTime(reading.createdAt)}</Text>
            {reading.error && <Text size="sm" c="red">{reading.error}</Text>}
            <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="mail-text">{reading.bodyText}</Text>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}
