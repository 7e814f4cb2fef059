// Ends an occupancy on a chosen day (moving out); the record stays for history and billing.
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Occupancy } from '../people/people.api.ts';
import { today } from './occupancies.api.ts';

interface Props {
  occupancy: Occupancy;
  onClose(): void;
  onSaved(): Promise<void>;
}

export function EndOccupancyModal({ occupancy, onClose, onSaved }: Props) {
  const { t } = useTranslation('occupancies');
  const [endsOn, setEndsOn] = useState(occupancy.endsOn ?? today());
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    await patch(`/api/occupancies/${occupancy.id}`, { endsOn });
    await onSaved();
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={t('endTitle', { unit: occupancy.unitLabel })} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit}>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <TextInput type="date" label={t('endsOn')} required value={endsOn} min={occupancy.startsOn}
            onChange={(e) => setEndsOn(e.currentTarget.value)} error={fields.endsOn} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy}>{t('end')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
