// The device's recent commands: what was asked, by whom, and what the device answered.
import { Badge, Code, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { Empty } from '../../ui/Page.tsx';
import { ANSWER_COLOR } from './CommandsCard.tsx';
import type { CommandRecord } from './devices.api.ts';

const brief = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export function CommandHistory({ commands }: { commands: CommandRecord[] }) {
  const { t } = useTranslation('devices');
  return (
    <Paper withBorder p="md" component="section" aria-label={t('history.title')}>
      <Title order={2} size="h4" mb="sm">{t('history.title')}</Title>
      {commands.length === 0 ? <Empty /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('history.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('history.at')}</Table.Th><Table.Th>{t('history.action')}</Table.Th><Table.Th>{t('history.status')}</Table.Th>
                <Table.Th>{t('history.answer')}</Table.Th><Table.Th>{t('history.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {commands.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.createdAt)}</Table.Td>
                  <Table.Td><Text size="sm">{t(`commands.actions.${c.action}`, { defaultValue: c.action })}</Text><Code>{brief(c.payload)}</Code></Table.Td>
                  <Table.Td><Badge color={ANSWER_COLOR[c.status]} variant="light">{t(`commands.statuses.${c.status}`)}</Badge></Table.Td>
                  <Table.Td>{c.error ? <Text size="sm" c="red">{c.error}</Text> : <Code>{brief(c.result)}</Code>}</Table.Td>
                  <Table.Td>{c.requestedBy ?? t('history.system')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
