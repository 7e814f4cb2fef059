// How long the property manager keeps lock events and after how many days they stop naming the
// key's holder (/lock-event-settings): the admin changes it, staff read it.
import { Alert, Button, Card, Group, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from './fieldError.ts';
import type { EventSettings } from './locks.api.ts';

export function LockEventSettingsPage() {
  const { t } = useTranslation('locks');
  const { me } = useSession();
  const admin = me?.role === 'manager_admin';
  const settings = useLoad<EventSettings>('/api/lock-event-settings');
  const [retention, setRetention] = useState<number | string>('');
  const [pseudonymise, setPseudonymise] = useState<number | string>('');
  useEffect(() => {
    if (settings.data) { setRetention(settings.data.retentionDays); setPseudonymise(settings.data.pseudonymiseDays); }
  }, [settings.data]);
  const { busy, error, submit } = useSubmit(t, async () => {
    await put('/api/lock-event-settings', { retentionDays: Number(retention), pseudonymiseDays: Number(pseudonymise) });
    notifications.show({ color: 'green', message: t('common:saved') });
    await settings.reload();
  });
  const { onField, alert } = formErrors(t, error, ['retentionDays', 'pseudonymiseDays']);
  if (settings.error) return <Page title={t('settings.title')}><LoadError message={errorText(t, settings.error)} /></Page>;
  if (!settings.data) return <Loading />;
  return (
    <Page title={t('settings.title')}>
      <Card withBorder maw={560}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">{t('settings.hint')}</Text>
            {alert && <Alert color="red" role="alert">{alert}</Alert>}
            <NumberInput label={t('settings.retention')} description={t('settings.retentionHint')} min={7} max={3650} allowDecimal={false}
              value={retention} onChange={setRetention} disabled={!admin} error={onField('retentionDays')} />
            <NumberInput label={t('settings.pseudonymise')} description={t('settings.pseudonymiseHint')} min={1} max={3650} allowDecimal={false}
              value={pseudonymise} onChange={setPseudonymise} disabled={!admin} error={onField('pseudonymiseDays')} />
            {admin && <Group justify="flex-end"><Button type="submit" loading={busy}>{t('common:save')}</Button></Group>}
          </Stack>
        </form>
      </Card>
    </Page>
  );
}
