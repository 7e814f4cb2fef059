// The units of one site: a table with create, edit and delete (only units without occupancies).
import { ActionIcon, Button, Group, Paper, Table, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { UnitFormModal } from './UnitForm.tsx';
import type { Unit } from './units.api.ts';

interface Props {
  siteId: string;
  editable: boolean;
  /** Called after a change so the site's unit count follows. */
  onChange(): Promise<void>;
}

export function UnitsSection({ siteId, editable, onChange }: Props) {
  const { t } = useTranslation('units');
  const units = useLoad<Unit[]>(`/api/sites/${siteId}/units`);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Unit | null>(null);
  const changed = async () => { await units.reload(); await onChange(); };

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('title')}</Title>
        {editable && <Button size="xs" onClick={() => setEditing('new')}>{t('new')}</Button>}
      </Group>
      {units.loading && !units.data ? <Loading /> : units.error ? <LoadError message={errorText(t, units.error)} /> : !units.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('label')}</Table.Th><Table.Th>{t('kind')}</Table.Th><Table.Th>{t('floor')}</Table.Th>
                <Table.Th ta="right">{t('occupancies')}</Table.Th>{editable && <Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.data.map((unit) => (
                <Table.Tr key={unit.id}>
                  <Table.Td>{unit.label}</Table.Td>
                  <Table.Td>{t(`kinds.${unit.kind}`)}</Table.Td>
                  <Table.Td>{unit.floor ?? '–'}</Table.Td>
                  <Table.Td ta="right">{formatNumber(unit.occupancyCount)}</Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <ActionIcon variant="subtle" aria-label={t('editNamed', { label: unit.label })} onClick={() => setEditing(unit)}>✎</ActionIcon>
                        <ActionIcon variant="subtle" color="red" aria-label={t('deleteNamed', { label: unit.label })} onClick={() => setDeleting(unit)}>✕</ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <UnitFormModal siteId={siteId} unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={changed} />}
      <ConfirmModal opened={deleting !== null} onClose={() => setDeleting(null)} namespace="units" title={t('delete')}
        message={t('deleteConfirm', { label: deleting?.label ?? '' })} confirmLabel={t('common:delete')}
        onConfirm={async () => { await del(`/api/units/${deleting!.id}`); await changed(); }} />
    </Paper>
  );
}
