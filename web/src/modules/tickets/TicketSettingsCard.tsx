// Which events open a ticket by themselves (manager_admin): an appliance fault, an alarm that keeps
// coming back (N times within D days) and a badge reported lost — each on or off, and who gets it.
import { Alert, Button, Card, Group, NumberInput, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Assignee, TicketSettings } from './tickets.api.ts';

type Kind = keyof TicketSettings;
const KINDS: Kind[] = ['applianceFault', 'recurringAlarm', 'lostBadge'];

export function TicketSettingsCard() {
  const { t } = useTranslation('tickets');
  const loaded = useLoad<TicketSettings>('/api/ticket-settings');
  const assignees = useLoad<Assignee[]>('/api/ticket-assignees');
  const [draft, setDraft] = useState<TicketSettings | null>(null);
  useEffect(() => { if (loaded.data) setDraft(loaded.data); }, [loaded.data]);
  const save = useSubmit(t, async () => {
    setDraft(await put<TicketSettings>('/api/ticket-settings', draft));
    notifications.show({ color: 'green', message: t('settings.saved') });
  });
  const change = <K extends Kind>(kind: K, part: Partial<TicketSettings[K]>) => setDraft((d) => d && { ...d, [kind]: { ...d[kind], ...part } });
  const options = (assignees.data ?? []).map((a) => ({ value: a.userId, label: `${a.displayName} (${t(`roles.${a.role}`, { defaultValue: a.role })})` }));
  const timesValid = !draft || (draft.recurringAlarm.times >= 2 && draft.recurringAlarm.times <= 20 && draft.recurringAlarm.days >= 1 && draft.recurringAlarm.days <= 90);

  return (
    <Card withBorder>
      <form onSubmit={save.submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('settings.title')}</Title>
          <Text size="sm" c="dimmed">{t('settings.hint')}</Text>
          {loaded.error ? <LoadError message={errorText(t, loaded.error)} /> : !draft ? <Loading /> : KINDS.map((kind) => (
            <Stack key={kind} gap="xs">
              <Switch label={t(`settings.${kind}`)} checked={draft[kind].enabled} onChange={(e) => change(kind, { enabled: e.currentTarget.checked })} />
              <Group align="flex-end" wrap="wrap" gap="sm" pl={{ base: 0, xs: 'xl' }}>
                <Select label={t('assign.label')} aria-label={t('settings.assignee', { kind: t(`settings.${kind}`) })} placeholder={t('settings.nobody')} clearable data={options}
                  value={draft[kind].assigneeUserId} onChange={(assigneeUserId) => change(kind, { assigneeUserId })} disabled={!draft[kind].enabled} w={{ base: '100%', xs: 300 }} />
                {kind === 'recurringAlarm' && (
                  <>
                    <NumberInput label={t('settings.times')} min={2} max={20} allowDecimal={false} value={draft.recurringAlarm.times} w={140}
                      disabled={!draft.recurringAlarm.enabled} onChange={(v) => change('recurringAlarm', { times: Number(v) || 0 })} error={save.fields.recurringAlarm} />
                    <NumberInput label={t('settings.days')} min={1} max={90} allowDecimal={false} value={draft.recurringAlarm.days} w={140}
                      disabled={!draft.recurringAlarm.enabled} onChange={(v) => change('recurringAlarm', { days: Number(v) || 0 })} />
                  </>
                )}
              </Group>
            </Stack>
          ))}
          {!timesValid && <Text size="sm" c="red">{t('settings.timesRange')}</Text>}
          {save.error !== null && <Alert color="red" role="alert">{errorText(t, save.error)}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={save.busy} disabled={!draft || !timesValid}>{t('settings.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
