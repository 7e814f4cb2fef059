// Tickets as a table: number and subject (the link to the ticket), category, status and the last
// change; the office and technicians also see who asked, where, and who works on it.
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format.ts';
import type { TicketSummary } from './tickets.api.ts';
import { TicketStatusBadge } from './TicketStatusBadge.tsx';

export function TicketsTable({ tickets, label, office }: { tickets: TicketSummary[]; label: string; office: boolean }) {
  const { t } = useTranslation('tickets');
  return (
    <Table.ScrollContainer minWidth={office ? 900 : 560}>
      <Table striped highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.ticket')}</Table.Th><Table.Th>{t('columns.category')}</Table.Th><Table.Th>{t('columns.status')}</Table.Th>
            {office && <><Table.Th>{t('columns.person')}</Table.Th><Table.Th>{t('columns.place')}</Table.Th><Table.Th>{t('columns.assignee')}</Table.Th></>}
            <Table.Th>{t('columns.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id}>
              <Table.Td>
                <Text size="xs" c="dimmed">{ticket.number}</Text>
                <Anchor component={Link} to={`/tickets/${ticket.id}`} size="sm">{ticket.subject}</Anchor>
              </Table.Td>
              <Table.Td>{t(`categories.${ticket.category}`)}</Table.Td>
              <Table.Td><TicketStatusBadge status={ticket.status} /></Table.Td>
              {office && (
                <>
                  <Table.Td>{ticket.personName ?? <Text size="sm" c="dimmed">{t(`sources.${ticket.source}`)}</Text>}</Table.Td>
                  <Table.Td>
                    {ticket.siteName && <Text size="sm">{ticket.siteName}</Text>}
                    {ticket.unitLabel && <Text size="xs" c="dimmed">{ticket.unitLabel}</Text>}
                    {!ticket.siteName && !ticket.unitLabel && '–'}
                  </Table.Td>
                  <Table.Td>{ticket.assignee?.displayName ?? <Text size="sm" c="dimmed">{t('columns.unassigned')}</Text>}</Table.Td>
                </>
              )}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(ticket.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
