// A ticket's history, oldest first, as a timeline: who opened it, every reply (internal notes marked
// so for the office), status changes, assignments and the approval decision, with their files.
import { Badge, Group, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { AttachmentList } from './AttachmentList.tsx';
import type { Ticket, TicketEvent } from './tickets.api.ts';

const COLOR: Record<TicketEvent['kind'], string> = { created: 'blue', comment: 'teal', status: 'grape', assigned: 'gray', approval: 'violet', attachment: 'teal' };

function useHeadline() {
  const { t } = useTranslation('tickets');
  return (event: TicketEvent) => {
    const who = event.authorName ?? t('history.system');
    const status = (s: string | null) => (s ? t(`statuses.${s}`) : '–');
    switch (event.kind) {
      case 'created': return t('history.created', { who });
      case 'comment': return t(event.internal ? 'history.internalNote' : 'history.comment', { who });
      case 'status': return t('history.status', { who, from: status(event.fromStatus), to: status(event.toStatus) });
      case 'assigned': return event.assigneeName ? t('history.assigned', { who, assignee: event.assigneeName }) : t('history.unassigned', { who });
      case 'approval': return t(event.toStatus === 'declined' ? 'history.declined' : 'history.approved', { who });
      case 'attachment': return t('history.attachment', { who });
    }
  };
}

export function TicketTimeline({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const headline = useHeadline();
  return (
    <Timeline active={ticket.events.length} bulletSize={14} lineWidth={2}>
      {ticket.events.map((event) => (
        <Timeline.Item key={event.id} color={event.internal ? 'yellow' : COLOR[event.kind]}
          title={(
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>{headline(event)}</Text>
              {event.internal && <Badge color="yellow" variant="light" size="sm">{t('history.internal')}</Badge>}
            </Group>
          )}>
          <Text size="xs" c="dimmed">{formatDateTime(event.at)}</Text>
          {event.body && event.kind !== 'created' && <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{event.body}</Text>}
          {event.attachmentIds.length > 0 && (
            <div style={{ marginTop: 6 }}>
              <AttachmentList ticketId={ticket.id} attachments={ticket.attachments.filter((a) => event.attachmentIds.includes(a.id))} />
            </div>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
