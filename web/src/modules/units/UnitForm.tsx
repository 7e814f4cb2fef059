// Kind, label and floor of a unit, in a modal; creates a new unit or changes an existing one.
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { UNIT_KINDS, type Unit, type UnitKind } from './units.api.ts';

interface Props {
  siteId: string;
  /** The unit to edit; `null` creates one. */
  unit: Unit | null;
  onClose(): void;
  onSaved(): Promise<void>;
}

export function UnitFormModal({ siteId, unit, onClose, onSaved }: Props) {
  const { t } = useTranslation('units');
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? 'flat');
  const [label, setLabel] = useState(unit?.label ?? '');
  const [floor, setFloor] = useState(unit?.floor ?? '');
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    const body = { kind, label, floor: floor.trim() || null };
    if (unit) await patch(`/api/units/${unit.id}`, body);
    else await post('/api/units', { siteId, ...body });
    await onSaved();
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={unit ? t('edit') : t('new')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit}>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <Select label={t('kind')} required allowDeselect={false} value={kind}
            data={UNIT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} onChange={(k) => k && setKind(k as UnitKind)} error={fields.kind} />
          <TextInput label={t('label')} required value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={fields.label} data-autofocus />
          <TextInput label={t('floor')} value={floor} onChange={(e) => setFloor(e.currentTarget.value)} error={fields.floor} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy}>{unit ? t('common:save') : t('common:create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
