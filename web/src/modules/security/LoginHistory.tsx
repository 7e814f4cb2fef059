// The latest successful and failed login, then every login attempt page by page.
import { Alert, Badge, Card, Center, Loader, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../auth/apiErrors.ts';
import { describeDevice } from './device.ts';
import { Pager } from '../../ui/Pager.tsx';

interface LoginEvent { at: string; ip: string | null; userAgent: string | null; outcome: string }
interface History { items: LoginEvent[]; total: number; page: number; pageSize: number; lastSuccess: LoginEvent | null; lastFailure: LoginEvent | null }

const PAGE_SIZE = 20;
const GOOD = new Set(['success', 'second_factor_success']);

function Latest({ label, event, testId }: { label: string; event: LoginEvent | null; testId: string }) {
  const { t } = useTranslation('security');
  return (
    <Card withBorder data-testid={testId}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fw={600}>{event ? formatDateTime(event.at) : t('never')}</Text>
      {event && <Text size="sm">{[event.ip, describeDevice(event.userAgent)].filter(Boolean).join(' · ')}</Text>}
    </Card>
  );
}

export function LoginHistory() {
  const { t } = useTranslation('security');
  const [page, setPage] = useState(1);
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    get<History>(`/api/me/logins?page=${page}&pageSize=${PAGE_SIZE}`)
      .then((found) => { if (current) { setHistory(found); setError(null); } })
      .catch((err: unknown) => { if (current) setError(errorText(err, ['security'])); });
    return () => { current = false; };
  }, [page]);

  if (error) return <Alert color="red" role="alert">{error}</Alert>;
  if (!history) return <Center p="md"><Loader aria-label={t('common:loading')} /></Center>;
  const pages = Math.max(1, Math.ceil(history.total / PAGE_SIZE));

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
        <Latest label={t('lastSuccess')} event={history.lastSuccess} testId="last-success" />
        <Latest label={t('lastFailure')} event={history.lastFailure} testId="last-failure" />
      </SimpleGrid>
      <Title order={2} size="h4" mb="xs" id="login-history">{t('history')}</Title>
      {history.items.length === 0 ? <Text c="dimmed">{t('common:noData')}</Text> : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-labelledby="login-history">
            <Table.Thead>
              <Table.Tr><Table.Th>{t('time')}</Table.Th><Table.Th>{t('ip')}</Table.Th><Table.Th>{t('device')}</Table.Th><Table.Th>{t('outcome')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.items.map((event, index) => (
                <Table.Tr key={`${event.at}-${index}`}>
                  <Table.Td>{formatDateTime(event.at)}</Table.Td>
                  <Table.Td>{event.ip ?? '–'}</Table.Td>
                  <Table.Td title={event.userAgent ?? undefined}>{describeDevice(event.userAgent) ?? '–'}</Table.Td>
                  <Table.Td><Badge variant="light" color={GOOD.has(event.outcome) ? 'green' : 'red'}>{t(`outcomes.${event.outcome}`, { defaultValue: event.outcome })}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 && (
        <Pager page={page} onPage={setPage} hasNext={page < pages} pages={pages} />
      )}
    </>
  );
}
