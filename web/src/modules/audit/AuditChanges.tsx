// Before and after of one audit event, field by field; changed fields stand out.
import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : value === null || value === undefined ? {} : { value };
const show = (value: unknown) => (value === undefined ? '–' : JSON.stringify(value));

export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('audit');
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  if (!keys.length) return <Text size="sm" c="dimmed">{t('noChanges')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table withTableBorder fz="xs">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('field')}</Table.Th><Table.Th>{t('before')}</Table.Th><Table.Th>{t('after')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => {
            const changed = show(b[key]) !== show(a[key]);
            return (
              <Table.Tr key={key} bg={changed ? 'var(--mantine-color-yellow-light)' : undefined}>
                <Table.Td fw={changed ? 700 : undefined}>{key}{changed && <Text span c="dimmed"> ({t('changed')})</Text>}</Table.Td>
                <Table.Td><Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{show(b[key])}</Code></Table.Td>
                <Table.Td><Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{show(a[key])}</Code></Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
