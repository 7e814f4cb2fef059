// The tenant's choices for all devices: what a fault triggers, and how prepaid charging holds money.
import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { toMinor } from '../../ui/ids.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { DeviceSettings } from './devices.api.ts';

export function DeviceSettingsCard() {
  const { t } = useTranslation('devices');
  const { me } = useSession();
  const currency = me?.tenant?.currency ?? 'EUR';
  const settings = useLoad<DeviceSettings>('/api/settings/devices');
  const [faultAction, setFaultAction] = useState<DeviceSettings['faultAction']>('notify_staff');
  const [minBalance, setMinBalance] = useState<string | number>('');
  const [holdStep, setHoldStep] = useState<string | number>('');
  useEffect(() => {
    if (!settings.data) return;
    setFaultAction(settings.data.faultAction);
    setMinBalance(settings.data.chargingMinBalanceMinor / 100);
    setHoldStep(settings.data.chargingHoldStepMinor / 100);
  }, [settings.data]);
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    await put('/api/settings/devices', { faultAction, chargingMinBalanceMinor: toMinor(minBalance) ?? 0, chargingHoldStepMinor: toMinor(holdStep) });
    notifications.show({ color: 'green', message: t('common:saved') });
    await settings.reload();
  });

  return (
    <Paper withBorder p="md" component="section" aria-label={t('settings.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('settings.title')}</Title>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <Select label={t('settings.faultAction')} allowDeselect={false} value={faultAction} onChange={(v) => v && setFaultAction(v as DeviceSettings['faultAction'])}
            data={(['notify_staff', 'none'] as const).map((a) => ({ value: a, label: t(`settings.faultActions.${a}`) }))} error={fields.faultAction} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label={t('settings.minBalance', { currency })} description={t('settings.minBalanceHint')} min={0} decimalScale={2} hideControls
              value={minBalance} onChange={setMinBalance} error={fields.chargingMinBalanceMinor} />
            <NumberInput label={t('settings.holdStep', { currency })} description={t('settings.holdStepHint')} min={0.01} decimalScale={2} hideControls
              value={holdStep} onChange={setHoldStep} error={fields.chargingHoldStepMinor} />
          </SimpleGrid>
          <Group justify="flex-end"><Button type="submit" loading={busy} disabled={!settings.data}>{t('common:save')}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
