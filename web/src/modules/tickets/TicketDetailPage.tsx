// One ticket (/tickets/:id; notifications link here): what was asked, by whom and where, its history
// as a timeline and a reply box. The resident may close it once the server allows; the office
// assigns, moves the status and decides charger installation requests; a technician replies and
// moves the status of what it was given. What each may do comes from the ticket (allowedStatuses,
// canAssign, canApprove), so the page never offers what the server would refuse.
import { Anchor, Button, Card, Grid, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { ApprovalCard } from './ApprovalCard.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { ReplyForm } from './ReplyForm.tsx';
import { AssignForm, StatusForm } from './TicketActions.tsx';
import type { Ticket } from './tickets.api.ts';
import { TicketStatusBadge } from './TicketStatusBadge.tsx';
import { TicketTimeline } from './TicketTimeline.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return <div><Text size="sm" c="dimmed">{label}</Text><Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>{children}</Text></div>;
}

export function TicketDetailPage() {
  const { t } = useTranslation('tickets');
  const { id } = useParams();
  const { me } = useSession();
  const resident = me?.role === 'resident';
  const loaded = useLoad<Ticket>(`/api/tickets/${id}`);
  const [fresh, setFresh] = useState<Ticket | null>(null);
  const [closing, setClosing] = useState(false);
  // Followed again from a notification while open: show what changed since.
  const { key } = useLocation();
  const shownFor = useRef(key);
  const { reload } = loaded;
  useEffect(() => {
    if (shownFor.current === key) return;
    shownFor.current = key;
    setFresh(null);
    void reload();
  }, [key, reload]);

  const ticket = fresh?.id === id ? fresh : loaded.data;
  if (loaded.error) return <Page title={t('detail.title')}><LoadError message={errorText(t, loaded.error)} /><Anchor component={Link} to="/tickets">{t('detail.back')}</Anchor></Page>;
  if (!ticket) return <Page title={t('detail.title')}><Loading /></Page>;

  // The server refuses a resident's comment here (tickets.closed); the office may still note things.
  const finished = ticket.status === 'closed' || ticket.status === 'declined';
  const mayMove = !resident && ticket.allowedStatuses.length > 0;
  const mayClose = resident && ticket.allowedStatuses.includes('closed');
  const referenced = new Set(ticket.events.flatMap((e) => e.attachmentIds));
  const ownFiles = ticket.attachments.filter((a) => !referenced.has(a.id));

  return (
    <Page title={<>{ticket.subject} <Text span c="dimmed" fz="inherit" fw={400}>{ticket.number}</Text></>}
      actions={<><TicketStatusBadge status={ticket.status} />{mayClose && <Button variant="light" onClick={() => setClosing(true)}>{t('detail.close')}</Button>}</>}>
      <Anchor component={Link} to="/tickets" size="sm">{t('detail.back')}</Anchor>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <Stack gap="sm">
                <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{ticket.body}</Text>
                <AttachmentList ticketId={ticket.id} attachments={ownFiles} />
              </Stack>
            </Card>
            {ticket.canApprove && <ApprovalCard ticket={ticket} onDone={setFresh} />}
            <Card withBorder component="section" aria-labelledby="ticket-history">
              <Stack>
                <Title order={2} size="h4" id="ticket-history">{t('history.title')}</Title>
                <TicketTimeline ticket={ticket} />
              </Stack>
            </Card>
            <Card withBorder>
              {finished && resident ? <Text c="dimmed">{t('reply.finishedResident')}</Text>
                : <ReplyForm ticket={ticket} mayWriteInternal={!resident} onDone={setFresh} />}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card withBorder>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 1 }} spacing="sm">
                <Fact label={t('columns.category')}>{t(`categories.${ticket.category}`)}</Fact>
                {!resident && <Fact label={t('columns.person')}>{ticket.personName ?? t(`sources.${ticket.source}`)}</Fact>}
                {(ticket.siteName || ticket.unitLabel) && <Fact label={t('columns.place')}>{[ticket.siteName, ticket.unitLabel].filter(Boolean).join(' · ')}</Fact>}
                {ticket.chargerSerial && <Fact label={t('new.chargerSerial')}>{ticket.chargerSerial}</Fact>}
                <Fact label={t('columns.assignee')}>{ticket.assignee?.displayName ?? t('columns.unassigned')}</Fact>
                <Fact label={t('detail.opened')}>{formatDateTime(ticket.createdAt)}</Fact>
                {ticket.approval && (
                  <Fact label={t('detail.decision')}>
                    {t(ticket.approval.decision === 'approve' ? 'detail.approvedOn' : 'detail.declinedOn', { date: formatDateTime(ticket.approval.decidedAt) })}
                    {ticket.approval.reason && <Text size="sm" c="dimmed">{ticket.approval.reason}</Text>}
                  </Fact>
                )}
              </SimpleGrid>
            </Card>
            {(ticket.canAssign || mayMove) && (
              <Card withBorder>
                <Stack>
                  <Title order={2} size="h4">{t('detail.work')}</Title>
                  {ticket.canAssign && <AssignForm key={`a-${ticket.assignee?.userId ?? ''}`} ticket={ticket} onDone={setFresh} />}
                  {mayMove && <StatusForm key={`s-${ticket.status}`} ticket={ticket} onDone={setFresh} />}
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmModal opened={closing} onClose={() => setClosing(false)} namespace="tickets" color="blue" title={t('detail.closeTitle')}
        message={t('detail.closeMessage', { number: ticket.number })} confirmLabel={t('detail.close')}
        onConfirm={async () => {
          setFresh(await post<Ticket>(`/api/tickets/${ticket.id}/status`, { status: 'closed' }));
          notifications.show({ color: 'green', message: t('detail.closed', { number: ticket.number }) });
        }} />
    </Page>
  );
}
