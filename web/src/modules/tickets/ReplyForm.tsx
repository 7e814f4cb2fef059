// A reply to a ticket, with files; the office and technicians may mark it an internal note that
// the resident never sees.
import { Alert, Button, Group, Stack, Switch, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { encodeAttachments } from './attachments.ts';
import { AttachmentPicker } from './AttachmentPicker.tsx';
import type { Ticket } from './tickets.api.ts';

export function ReplyForm({ ticket, mayWriteInternal, onDone }: { ticket: Ticket; mayWriteInternal: boolean; onDone(ticket: Ticket): void }) {
  const { t } = useTranslation('tickets');
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const send = useSubmit(t, async () => {
    const updated = await post<Ticket>(`/api/tickets/${ticket.id}/comments`, {
      body: body.trim(), ...(internal && { internal: true }), ...(files.length > 0 && { attachments: await encodeAttachments(files) }),
    });
    setBody('');
    setFiles([]);
    setInternal(false);
    notifications.show({ color: 'green', message: t(internal ? 'reply.noted' : 'reply.sent') });
    onDone(updated);
  });
  return (
    <form onSubmit={send.submit} noValidate>
      <Stack gap="sm">
        <Textarea label={t('reply.label')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={3} maxRows={12} maxLength={10000}
          error={send.fields.body} />
        {mayWriteInternal && (
          <Switch label={t('reply.internal')} description={t('reply.internalHint')} checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />
        )}
        <AttachmentPicker files={files} onChange={setFiles} disabled={send.busy} />
        {send.error !== null && <Alert color="red" role="alert">{errorText(t, send.error)}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={send.busy} disabled={!body.trim()}>{t(internal ? 'reply.submitInternal' : 'reply.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
