// Renaming a lock and placing it at a site and unit (when the actor may place locks).
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Lock } from './locks.api.ts';
import { PlaceFields, type Place } from './PlaceFields.tsx';

export function EditLockModal({ lock, places, onClose, onSaved }: { lock: Lock; places: Place[] | null; onClose(): void; onSaved(): Promise<void> }) {
  const { t } = useTranslation('locks');
  const [name, setName] = useState(lock.name);
  const [siteId, setSiteId] = useState<string | null>(lock.site?.id ?? null);
  const [unitId, setUnitId] = useState<string | null>(lock.unit?.id ?? null);
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    const saved = await patch<Lock>(`/api/locks/${lock.id}`, { name: name.trim(), ...(places && { siteId, unitId }) });
    notifications.show({ color: 'green', message: t('edit.done', { name: saved.name }) });
    await onSaved();
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={t('edit.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <TextInput label={t('fields.name')} required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} data-autofocus />
          {places && <PlaceFields places={places} siteId={siteId} unitId={unitId} errors={fields} onChange={(site, unit) => { setSiteId(site); setUnitId(unit); }} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>{t('common:save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
