// Remote control of a device (OCPP): pick an action, fill in what it needs, send, and read the
// device's answer. A reset or a change of availability interrupts residents, so they ask first.
import { Alert, Badge, Button, Code, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { CommandAnswer, Device } from './devices.api.ts';

const ACTIONS = ['Reset', 'ChangeAvailability', 'UnlockConnector', 'GetConfiguration', 'ChangeConfiguration', 'TriggerMessage', 'ClearCache'] as const;
type Action = (typeof ACTIONS)[number];
const CONFIRMED: Action[] = ['Reset', 'ChangeAvailability'];
const TRIGGERABLE = ['BootNotification', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'Heartbeat', 'MeterValues', 'StatusNotification'];
export const ANSWER_COLOR = { answered: 'green', offline: 'gray', failed: 'red', sent: 'blue' } as const;

export function CommandsCard({ device, onSent }: { device: Device; onSent(): Promise<void> }) {
  const { t } = useTranslation('devices');
  const [action, setAction] = useState<Action>('Reset');
  const [resetType, setResetType] = useState('Soft');
  const [connector, setConnector] = useState<string | null>(null);
  const [availability, setAvailability] = useState('Inoperative');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState('StatusNotification');
  const [confirming, setConfirming] = useState(false);
  const [answer, setAnswer] = useState<CommandAnswer | null>(null);

  const connectors = device.appliances.map((a) => ({ value: String(a.connectorId), label: `${a.connectorId} · ${a.name}` }));
  const keys = key.split(',').map((k) => k.trim()).filter(Boolean);
  const payload = (): object => {
    switch (action) {
      case 'Reset': return { type: resetType };
      case 'ChangeAvailability': return { connectorId: Number(connector ?? 0), type: availability };
      case 'UnlockConnector': return { connectorId: Number(connector) };
      case 'GetConfiguration': return keys.length ? { key: keys } : {};
      case 'ChangeConfiguration': return { key: key.trim(), value };
      case 'TriggerMessage': return connector ? { requestedMessage: message, connectorId: Number(connector) } : { requestedMessage: message };
      case 'ClearCache': return {};
    }
  };
  const ready = action === 'UnlockConnector' ? connector !== null : action === 'ChangeConfiguration' ? key.trim().length > 0 : true;
  const send = async () => {
    setAnswer(await post<CommandAnswer>(`/api/devices/${device.id}/commands`, { action, payload: payload() }));
    await onSent();
  };
  const direct = useSubmit(t, send);
  const choose = (next: Action) => { setAction(next); setConnector(null); setKey(''); setValue(''); setAnswer(null); };

  return (
    <Paper withBorder p="md" component="section" aria-label={t('commands.title')}>
      <form onSubmit={(e) => { e.preventDefault(); if (CONFIRMED.includes(action)) setConfirming(true); else void direct.submit(); }} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('commands.title')}</Title>
          <Select label={t('commands.action')} allowDeselect={false} value={action} onChange={(v) => v && choose(v as Action)}
            data={ACTIONS.map((a) => ({ value: a, label: t(`commands.actions.${a}`) }))} />
          {action === 'Reset' && (
            <SegmentedControl value={resetType} onChange={setResetType} data={['Soft', 'Hard'].map((v) => ({ value: v, label: t(`commands.reset.${v}`) }))} />
          )}
          {(action === 'ChangeAvailability' || action === 'UnlockConnector' || action === 'TriggerMessage') && (
            <Select label={t('commands.connector')} clearable={action !== 'UnlockConnector'} value={connector} onChange={setConnector}
              placeholder={action === 'ChangeAvailability' ? t('commands.wholeDevice') : undefined}
              data={connectors} required={action === 'UnlockConnector'} />
          )}
          {action === 'ChangeAvailability' && (
            <SegmentedControl value={availability} onChange={setAvailability} data={['Inoperative', 'Operative'].map((v) => ({ value: v, label: t(`commands.availability.${v}`) }))} />
          )}
          {action === 'GetConfiguration' && <TextInput label={t('commands.keys')} description={t('commands.keysHint')} value={key} onChange={(e) => setKey(e.currentTarget.value)} />}
          {action === 'ChangeConfiguration' && (
            <Group grow>
              <TextInput label={t('commands.key')} required maxLength={50} value={key} onChange={(e) => setKey(e.currentTarget.value)} />
              <TextInput label={t('commands.value')} maxLength={500} value={value} onChange={(e) => setValue(e.currentTarget.value)} />
            </Group>
          )}
          {action === 'TriggerMessage' && (
            <Select label={t('commands.message')} allowDeselect={false} value={message} onChange={(v) => v && setMessage(v)} data={TRIGGERABLE} />
          )}
          {direct.error !== null && <Alert color="red" role="alert">{errorText(t, direct.error)}</Alert>}
          <Group justify="flex-end"><Button type="submit" loading={direct.busy} disabled={!ready}>{t('commands.send')}</Button></Group>
          {answer && (
            <Stack gap="xs" aria-live="polite" data-testid="command-answer">
              <Group gap="xs"><Text size="sm">{t('commands.answer')}</Text><Badge color={ANSWER_COLOR[answer.status]}>{t(`commands.statuses.${answer.status}`)}</Badge></Group>
              {answer.status === 'answered' && <Code block>{JSON.stringify(answer.result, null, 2)}</Code>}
              {answer.status === 'failed' && <Text size="sm" c="red">{answer.error}</Text>}
            </Stack>
          )}
        </Stack>
      </form>
      <ConfirmModal opened={confirming} onClose={() => setConfirming(false)} namespace="devices" color="orange"
        title={t(`commands.confirm.${action === 'Reset' ? 'reset' : 'availability'}Title`)}
        message={action === 'Reset'
          ? t('commands.confirm.reset', { name: device.name, type: t(`commands.reset.${resetType}`) })
          : t('commands.confirm.availability', { name: device.name, target: connector ? connectors.find((c) => c.value === connector)?.label : t('commands.wholeDevice'), type: t(`commands.availability.${availability}`) })}
        confirmLabel={t('commands.send')} onConfirm={send} />
    </Paper>
  );
}
