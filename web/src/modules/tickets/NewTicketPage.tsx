// A resident's new ticket (/tickets/new): what it is about, a subject and the text, photos or PDFs
// (checked here before anything is sent), and for a charger installation the parking space (one of
// the resident's own) or the serial of the charger. The form's id makes a double submit harmless.
import { Alert, Button, Card, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { newId } from '../../ui/ids.ts';
import { useLoad } from '../../ui/load.ts';
import { Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { encodeAttachments } from './attachments.ts';
import { AttachmentPicker } from './AttachmentPicker.tsx';
import { CATEGORIES, OWN_UNITS_PATH, type Category, type NewTicket, type OwnUnit, type Ticket } from './tickets.api.ts';

export function NewTicketPage() {
  const { t } = useTranslation('tickets');
  const navigate = useNavigate();
  const [clientId] = useState(newId);
  const [category, setCategory] = useState<Category | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [chargerSerial, setChargerSerial] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tried, setTried] = useState(false);
  const charger = category === 'charger_installation';
  const units = useLoad<OwnUnit[]>(charger ? OWN_UNITS_PATH : null);
  const spaces = (units.data ?? []).filter((u) => u.kind === 'parking_space');

  const missing = {
    category: !category,
    subject: !subject.trim(),
    body: !body.trim(),
    place: charger && !unitId && !chargerSerial.trim(),
  };
  const send = useSubmit(t, async () => {
    setTried(true);
    if (Object.values(missing).some(Boolean)) return;
    const input: NewTicket = {
      clientId, category: category!, subject: subject.trim(), body: body.trim(),
      ...(charger && unitId && { unitId }),
      ...(charger && !unitId && chargerSerial.trim() && { chargerSerial: chargerSerial.trim() }),
      ...(files.length > 0 && { attachments: await encodeAttachments(files) }),
    };
    const ticket = await post<Ticket>('/api/tickets', input);
    notifications.show({ color: 'green', message: t('new.done', { number: ticket.number }) });
    navigate(`/tickets/${ticket.id}`);
  });
  const required = (key: keyof typeof missing, field: string) => (tried && missing[key] ? t(`new.missing.${key}`) : send.fields[field]);

  return (
    <Page title={t('new.title')}>
      <Card withBorder maw={720}>
        <form onSubmit={send.submit} noValidate>
          <Stack>
            <Select label={t('new.category')} required allowDeselect={false} value={category} onChange={(v) => setCategory(v as Category | null)}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} error={required('category', 'category')} />
            {charger && (
              <Stack gap="xs">
                <Text size="sm">{t('new.chargerHint')}</Text>
                {spaces.length > 0 && (
                  <Select label={t('new.parkingSpace')} placeholder={t('new.parkingSpaceNone')} clearable value={unitId} onChange={setUnitId}
                    data={spaces.map((u) => ({ value: u.id, label: `${u.label} (${u.siteName})` }))} error={required('place', 'unitId')} />
                )}
                {!unitId && (
                  <TextInput label={t('new.chargerSerial')} value={chargerSerial} onChange={(e) => setChargerSerial(e.currentTarget.value)} maxLength={64}
                    description={spaces.length > 0 ? t('new.chargerSerialOr') : undefined} error={required('place', 'chargerSerial')} />
                )}
              </Stack>
            )}
            <TextInput label={t('new.subject')} required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} maxLength={200}
              error={required('subject', 'subject')} />
            <Textarea label={t('new.body')} required value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={4} maxRows={14}
              maxLength={10000} error={required('body', 'body')} />
            <AttachmentPicker files={files} onChange={setFiles} disabled={send.busy} />
            {send.error !== null && <Alert color="red" role="alert">{errorText(t, send.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/tickets">{t('common:cancel')}</Button>
              <Button type="submit" loading={send.busy}>{t('new.submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Page>
  );
}
