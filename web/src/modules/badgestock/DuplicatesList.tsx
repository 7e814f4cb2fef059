// For the operator: UIDs that more than one property manager holds (in stock or issued). Allowed
// — a UID is unique per manager — but usually a supplier's list assigned twice.
import { List, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError } from '../../ui/Page.tsx';
import type { SharedUid } from './badgestock.api.ts';

export function DuplicatesList({ version }: { version: number }) {
  const { t } = useTranslation('badgestock');
  const shared = useLoad<SharedUid[]>('/api/operator/badges/duplicates');
  const { reload } = shared;
  useEffect(() => { if (version > 0) void reload(); }, [version, reload]);

  if (shared.loading && !shared.data) return <Loading />;
  if (shared.error) return <LoadError message={errorText(t, shared.error)} />;
  if (!shared.data?.length) return <Text c="dimmed" p="md">{t('duplicates.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={t('duplicates.title')}>
        <Table.Thead><Table.Tr><Table.Th>{t('duplicates.uid')}</Table.Th><Table.Th>{t('duplicates.holders')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {shared.data.map((d) => (
            <Table.Tr key={d.uid}>
              <Table.Td><Text ff="monospace" size="sm">{d.uid}</Text></Table.Td>
              <Table.Td>
                <List size="sm" listStyleType="none">
                  {d.holders.map((h, i) => (
                    <List.Item key={i}>{h.manager.name} ({h.manager.shortCode}) · {t(`duplicates.${h.place}`)}{h.label ? ` · ${h.label}` : ''}</List.Item>
                  ))}
                </List>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
