// Links a person to a unit for a period: pick the site, then the unit, the relation and the dates.
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Site } from '../sites/sites.api.ts';
import type { Unit } from '../units/units.api.ts';
import { RELATIONS, today, type Relation } from './occupancies.api.ts';

interface Props {
  personId: string;
  onClose(): void;
  onSaved(): Promise<void>;
}

export function AddOccupancyModal({ personId, onClose, onSaved }: Props) {
  const { t } = useTranslation('occupancies');
  const sites = useLoad<Site[]>('/api/sites');
  const [siteId, setSiteId] = useState<string | null>(null);
  const units = useLoad<Unit[]>(siteId ? `/api/sites/${siteId}/units` : null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [relation, setRelation] = useState<Relation>('tenant');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState('');
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    await post('/api/occupancies', { unitId, personId, relation, startsOn, endsOn: endsOn || null });
    await onSaved();
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={t('add')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit}>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <Select label={t('site')} required searchable value={siteId} nothingFoundMessage={t('common:noData')}
            data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={(value) => { setSiteId(value); setUnitId(null); }} />
          <Select label={t('unit')} required searchable value={unitId} disabled={!siteId} nothingFoundMessage={t('common:noData')}
            data={(siteId ? units.data ?? [] : []).map((u) => ({ value: u.id, label: u.label }))}
            onChange={setUnitId} error={fields.unitId} />
          <Select label={t('relation')} required allowDeselect={false} value={relation}
            data={RELATIONS.map((r) => ({ value: r, label: t(`relations.${r}`) }))} onChange={(r) => r && setRelation(r as Relation)} error={fields.relation} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput type="date" label={t('startsOn')} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={fields.startsOn} />
            <TextInput type="date" label={t('endsOn')} value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={fields.endsOn} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!unitId}>{t('common:create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
