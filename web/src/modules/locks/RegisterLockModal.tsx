// Registering a lock: its serial number and the secret printed on its label, a name, for the
// admin the owner, and where it stands when the actor may place locks. The server's refusals
// show on the fields they concern.
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from './fieldError.ts';
import type { Lock } from './locks.api.ts';
import { PlaceFields, type Place } from './PlaceFields.tsx';

interface Props {
  /** The admin chooses the owner among the tenant's parties; null for a lock owner. */
  owners: { id: string; name: string }[] | null;
  /** Null when the actor may not place locks. */
  places: Place[] | null;
  onClose(): void;
  onRegistered(lock: Lock): void;
}

export function RegisterLockModal({ owners, places, onClose, onRegistered }: Props) {
  const { t } = useTranslation('locks');
  const [serial, setSerial] = useState('');
  const [secret, setSecret] = useState('');
  const [name, setName] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(t, async () => {
    const lock = await post<Lock>('/api/locks', {
      serial: serial.trim(), secret: secret.trim(), name: name.trim(),
      ...(owners && ownerId && { ownerId }), ...(siteId && { siteId }), ...(unitId && { unitId }),
    });
    notifications.show({ color: 'green', message: t('register.done', { name: lock.name }) });
    onRegistered(lock);
  });
  const { onField: fieldError, alert } = formErrors(t, error, ['serial', 'secret', 'name', 'ownerId', 'siteId', 'unitId']);

  return (
    <Modal opened onClose={onClose} title={t('register.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {alert && <Alert color="red" role="alert">{alert}</Alert>}
          <TextInput label={t('fields.serial')} required value={serial} onChange={(e) => setSerial(e.currentTarget.value)} error={fieldError('serial')}
            description={t('register.serialHint')} data-autofocus />
          <TextInput label={t('fields.secret')} required value={secret} onChange={(e) => setSecret(e.currentTarget.value)} error={fieldError('secret')}
            description={t('register.secretHint')} autoComplete="off" />
          <TextInput label={t('fields.name')} required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError('name')}
            placeholder={t('register.namePlaceholder')} />
          {owners && (
            <Select label={t('fields.owner')} required searchable value={ownerId} onChange={setOwnerId} error={fieldError('ownerId')}
              data={owners.map((o) => ({ value: o.id, label: o.name }))} />
          )}
          {places && <PlaceFields places={places} siteId={siteId} unitId={unitId} errors={{ siteId: fieldError('siteId') ?? '', unitId: fieldError('unitId') ?? '' }}
            onChange={(site, unit) => { setSiteId(site); setUnitId(unit); }} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!serial.trim() || !secret.trim() || !name.trim() || (owners !== null && !ownerId)}>{t('register.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
