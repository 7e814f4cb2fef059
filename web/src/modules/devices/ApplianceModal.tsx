// Adds or changes an appliance: which connector, what it is and how it is metered. The server
// checks the wiring rules (2 metered circuits or 8 impulse outputs on a terminal) and says which.
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { APPLIANCE_KINDS, METERINGS, type Appliance, type ApplianceKind, type Device, type Metering } from './devices.api.ts';

interface Props { device: Device; appliance: Appliance | null; onClose(): void; onSaved(): Promise<void> }

const nextFreeConnector = (device: Device) => {
  let connector = 1;
  while (device.appliances.some((a) => a.connectorId === connector)) connector++;
  return connector;
};

export function ApplianceModal({ device, appliance, onClose, onSaved }: Props) {
  const { t } = useTranslation('devices');
  const kinds = APPLIANCE_KINDS[device.kind];
  const [connectorId, setConnectorId] = useState<string | number>(appliance?.connectorId ?? nextFreeConnector(device));
  const [kind, setKind] = useState<ApplianceKind>(appliance?.kind ?? kinds[0]!);
  const [metering, setMetering] = useState<Metering>(appliance?.metering ?? device.appliances[0]?.metering ?? 'energy');
  const [name, setName] = useState(appliance?.name ?? '');
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    const body = { connectorId: Number(connectorId), kind, metering, name: name.trim() };
    if (appliance) await patch(`/api/devices/${device.id}/appliances/${appliance.id}`, body);
    else await post(`/api/devices/${device.id}/appliances`, body);
    await onSaved();
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={appliance ? t('appliances.editTitle', { name: appliance.name }) : t('appliances.add')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <TextInput label={t('appliances.name')} required value={name} maxLength={60} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} data-autofocus />
          <NumberInput label={t('appliances.connector')} description={t('appliances.connectorHint')} required min={1} max={99} allowDecimal={false}
            value={connectorId} onChange={setConnectorId} error={fields.connectorId} />
          <Select label={t('appliances.kind')} allowDeselect={false} data={kinds.map((k) => ({ value: k, label: t(`applianceKinds.${k}`) }))}
            value={kind} onChange={(v) => v && setKind(v as ApplianceKind)} error={fields.kind} />
          <Select label={t('appliances.metering')} allowDeselect={false} data={METERINGS[device.kind].map((m) => ({ value: m, label: t(`meterings.${m}`) }))}
            value={metering} onChange={(v) => v && setMetering(v as Metering)} error={fields.metering} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>{appliance ? t('common:save') : t('appliances.addSubmit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
