// Deciding a charger installation request: approve it (optionally naming the electrician, who then
// sees this ticket and nothing else) or decline it with a reason the resident reads; both asked twice.
import { Alert, Button, Card, Group, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Assignee, Ticket } from './tickets.api.ts';

type Decision = 'approve' | 'decline';

export function ApprovalCard({ ticket, onDone }: { ticket: Ticket; onDone(ticket: Ticket): void }) {
  const { t } = useTranslation('tickets');
  const assignees = useLoad<Assignee[]>('/api/ticket-assignees');
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [electrician, setElectrician] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const close = () => { decide.setError(null); setDeciding(null); };
  const decide = useSubmit(t, async () => {
    const updated = await post<Ticket>(`/api/tickets/${ticket.id}/approval`, deciding === 'approve'
      ? { decision: 'approve', ...(electrician && { electricianUserId: electrician }) }
      : { decision: 'decline', reason: reason.trim() });
    notifications.show({ color: 'green', message: t(deciding === 'approve' ? 'approval.approvedDone' : 'approval.declinedDone', { number: ticket.number }) });
    setDeciding(null);
    onDone(updated);
  });
  const technicians = (assignees.data ?? []).filter((a) => a.role === 'technician');

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('approval.title')}</Title>
        <Text size="sm">{t('approval.hint')}</Text>
        <Group gap="sm">
          <Button color="green" onClick={() => setDeciding('approve')}>{t('approval.approve')}</Button>
          <Button color="red" variant="light" onClick={() => setDeciding('decline')}>{t('approval.decline')}</Button>
        </Group>
      </Stack>
      <Modal opened={deciding !== null} onClose={close} closeButtonProps={{ 'aria-label': t('common:close') }}
        title={t(deciding === 'decline' ? 'approval.declineTitle' : 'approval.approveTitle', { number: ticket.number })}>
        <form onSubmit={decide.submit} noValidate>
          <Stack>
            {deciding === 'approve' ? (
              <>
                <Text size="sm">{t('approval.approveText')}</Text>
                <Select label={t('approval.electrician')} placeholder={t('approval.electricianNone')} clearable value={electrician} onChange={setElectrician}
                  data={technicians.map((a) => ({ value: a.userId, label: a.displayName }))} error={decide.fields.electricianUserId} />
              </>
            ) : (
              <Textarea label={t('approval.reason')} description={t('approval.reasonHint')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)}
                autosize minRows={2} maxLength={2000} error={decide.fields.reason} />
            )}
            {decide.error !== null && <Alert color="red" role="alert">{errorText(t, decide.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
              <Button type="submit" color={deciding === 'approve' ? 'green' : 'red'} loading={decide.busy} disabled={deciding === 'decline' && !reason.trim()}>
                {t(deciding === 'decline' ? 'approval.confirmDecline' : 'approval.confirmApprove')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
