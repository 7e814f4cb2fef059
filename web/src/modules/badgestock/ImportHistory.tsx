// Badge lists imported so far, newest first: who imported them (the platform or the office) and
// how many of their badges are still in stock. The operator sees every manager's.
import { Badge, Table } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { IMPORT_URL, type BadgeImport } from './badgestock.api.ts';

export function ImportHistory({ mode, version }: { mode: 'staff' | 'operator'; version: number }) {
  const { t } = useTranslation('badgestock');
  const imports = useLoad<BadgeImport[]>(IMPORT_URL[mode]);
  const { reload } = imports;
  useEffect(() => { if (version > 0) void reload(); }, [version, reload]);
  const operator = mode === 'operator';

  if (imports.loading && !imports.data) return <Loading />;
  if (imports.error) return <LoadError message={errorText(t, imports.error)} />;
  if (!imports.data?.length) return <Empty />;
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table striped aria-label={t('imports.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.importedAt')}</Table.Th>
            {operator && <Table.Th>{t('imports.manager')}</Table.Th>}
            <Table.Th>{t('imports.file')}</Table.Th><Table.Th>{t('imports.by')}</Table.Th>
            <Table.Th ta="right">{t('imports.badges')}</Table.Th><Table.Th ta="right">{t('imports.inStock')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.data.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.importedAt)}</Table.Td>
              {operator && <Table.Td>{i.manager ? `${i.manager.name} (${i.manager.shortCode})` : '–'}</Table.Td>}
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{i.fileName}</Table.Td>
              <Table.Td>{i.importedBy}{i.byOperator && !operator && <Badge ml="xs" variant="light" size="sm">{t('imports.byOperator')}</Badge>}</Table.Td>
              <Table.Td ta="right">{i.badgeCount}</Table.Td>
              <Table.Td ta="right">{i.inStock}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
