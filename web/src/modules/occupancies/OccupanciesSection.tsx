// The units a person occupies (or occupied), with add, end and delete.
import { Anchor, Badge, Button, Group, Paper, Table, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { del } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { Empty } from '../../ui/Page.tsx';
import type { Occupancy } from '../people/people.api.ts';
import { AddOccupancyModal } from './AddOccupancyModal.tsx';
import { EndOccupancyModal } from './EndOccupancyModal.tsx';

interface Props {
  personId: string;
  occupancies: Occupancy[];
  onChange(): Promise<void>;
}

export function OccupanciesSection({ personId, occupancies, onChange }: Props) {
  const { t } = useTranslation('occupancies');
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Occupancy | null>(null);
  const [deleting, setDeleting] = useState<Occupancy | null>(null);

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('title')}</Title>
        <Button size="xs" onClick={() => setAdding(true)}>{t('add')}</Button>
      </Group>
      {!occupancies.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('site')}</Table.Th><Table.Th>{t('unit')}</Table.Th><Table.Th>{t('relation')}</Table.Th>
                <Table.Th>{t('startsOn')}</Table.Th><Table.Th>{t('endsOn')}</Table.Th><Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {occupancies.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td><Anchor component={Link} to={`/sites/${o.siteId}`}>{o.siteName}</Anchor></Table.Td>
                  <Table.Td>{o.unitLabel}</Table.Td>
                  <Table.Td>{t(`relations.${o.relation}`)}</Table.Td>
                  <Table.Td>{formatDate(o.startsOn)}</Table.Td>
                  <Table.Td>{o.endsOn ? formatDate(o.endsOn) : <Badge variant="light" color="green">{t('current')}</Badge>}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {!o.endsOn && <Button size="compact-xs" variant="light" onClick={() => setEnding(o)} aria-label={t('endNamed', { unit: o.unitLabel })}>{t('end')}</Button>}
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(o)} aria-label={t('deleteNamed', { unit: o.unitLabel })}>{t('common:delete')}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && <AddOccupancyModal personId={personId} onClose={() => setAdding(false)} onSaved={onChange} />}
      {ending && <EndOccupancyModal occupancy={ending} onClose={() => setEnding(null)} onSaved={onChange} />}
      <ConfirmModal opened={deleting !== null} onClose={() => setDeleting(null)} namespace="occupancies" title={t('delete')}
        message={t('deleteConfirm', { unit: deleting?.unitLabel ?? '' })} confirmLabel={t('common:delete')}
        onConfirm={async () => { await del(`/api/occupancies/${deleting!.id}`); await onChange(); }} />
    </Paper>
  );
}
