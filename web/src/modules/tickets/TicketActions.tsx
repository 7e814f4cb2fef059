// Working a ticket: who has it (the office chooses among its staff and technicians) and where it
// goes next — only the statuses the server allows this reader now, with an optional note.
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Assignee, Status, Ticket } from './tickets.api.ts';

const NOBODY = 'nobody';

export function AssignForm({ ticket, onDone }: { ticket: Ticket; onDone(ticket: Ticket): void }) {
  const { t } = useTranslation('tickets');
  const assignees = useLoad<Assignee[]>('/api/ticket-assignees');
  const current = ticket.assignee?.userId ?? NOBODY;
  const [choice, setChoice] = useState<string>(current);
  const assign = useSubmit(t, async () => {
    const updated = await post<Ticket>(`/api/tickets/${ticket.id}/assign`, { assigneeUserId: choice === NOBODY ? null : choice });
    notifications.show({ color: 'green', message: updated.assignee ? t('assign.done', { name: updated.assignee.displayName }) : t('assign.cleared') });
    onDone(updated);
  });
  const data = [{ value: NOBODY, label: t('assign.nobody') },
    ...(assignees.data ?? []).map((a) => ({ value: a.userId, label: `${a.displayName} (${t(`roles.${a.role}`, { defaultValue: a.role })})` }))];
  return (
    <form onSubmit={assign.submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <Select label={t('assign.label')} data={data} value={choice} allowDeselect={false} searchable onChange={(v) => setChoice(v ?? NOBODY)}
            w={{ base: '100%', xs: 300 }} disabled={!assignees.data} error={assign.fields.assigneeUserId} />
          <Button type="submit" variant="light" loading={assign.busy} disabled={choice === current}>{t('assign.submit')}</Button>
        </Group>
        {assign.error !== null && <Alert color="red" role="alert">{errorText(t, assign.error)}</Alert>}
      </Stack>
    </form>
  );
}

export function StatusForm({ ticket, onDone }: { ticket: Ticket; onDone(ticket: Ticket): void }) {
  const { t } = useTranslation('tickets');
  const [status, setStatus] = useState<Status | null>(null);
  const [note, setNote] = useState('');
  const change = useSubmit(t, async () => {
    const updated = await post<Ticket>(`/api/tickets/${ticket.id}/status`, { status, ...(note.trim() && { note: note.trim() }) });
    notifications.show({ color: 'green', message: t('status.done', { status: t(`statuses.${updated.status}`) }) });
    setStatus(null);
    setNote('');
    onDone(updated);
  });
  return (
    <form onSubmit={change.submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <Select label={t('status.label')} placeholder={t('status.choose')} value={status} onChange={(v) => setStatus(v as Status | null)}
            data={ticket.allowedStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} w={{ base: '100%', xs: 220 }} error={change.fields.status} />
          <TextInput label={t('status.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={10000} w={{ base: '100%', xs: 320 }} />
          <Button type="submit" variant="light" loading={change.busy} disabled={!status}>{t('status.submit')}</Button>
        </Group>
        {change.error !== null && <Alert color="red" role="alert">{errorText(t, change.error)}</Alert>}
      </Stack>
    </form>
  );
}
