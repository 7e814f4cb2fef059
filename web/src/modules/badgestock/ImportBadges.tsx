// Upload of a badge list (CSV) with a progress bar. A file with any bad row is refused whole:
// the report lists each bad row with its line, column and what is wrong, so the file can be
// corrected and imported again; otherwise a summary of what went into which stock.
import { Alert, Button, Card, Code, FileInput, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useFileUpload } from '../../ui/useFileUpload.ts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { IMPORT_URL, ImportRefused, uploadBadges, type Imported, type ImportReport } from './badgestock.api.ts';

/** A refusal lists every bad row; the page shows this many and says how many more there are. */
const SHOWN_PROBLEMS = 200;
const EXAMPLE = { staff: 'uid;label;technology\n04A224B2C35E80;ID*heimbau*1234;mifare_classic', operator: 'uid;label;technology;manager\n04A224B2C35E80;ID*heimbau*1234;mifare_classic;heimbau' };

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation('badgestock');
  const shown = report.problems.slice(0, SHOWN_PROBLEMS);
  return (
    <Alert color="red" role="alert" title={t('report.refusedTitle')}>
      <Text size="sm">{t('report.refused', { bad: report.badRows, rows: report.rowCount })}</Text>
      <Table.ScrollContainer minWidth={560} mt="xs">
        <Table striped aria-label={t('report.table')}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('report.line')}</Table.Th><Table.Th>{t('report.field')}</Table.Th><Table.Th>{t('report.value')}</Table.Th><Table.Th>{t('report.problem')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={`${p.line}-${p.field}`}>
                <Table.Td>{p.line}</Table.Td>
                <Table.Td>{t(`fields.${p.field}`)}</Table.Td>
                <Table.Td><Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>{p.value || '–'}</Text></Table.Td>
                <Table.Td>{t(`problems.${p.code}`, { defaultValue: p.message, firstLine: p.firstLine ?? '' })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {report.problems.length > shown.length && <Text size="sm" mt="xs">{t('report.more', { shown: shown.length, count: report.problems.length })}</Text>}
    </Alert>
  );
}

function Summary({ imported, operator }: { imported: Imported; operator: boolean }) {
  const { t } = useTranslation('badgestock');
  return (
    <Alert color="green" role="status" title={t('report.importedTitle')}>
      <Text>{t('report.imported', { count: imported.rowCount })}</Text>
      {operator && imported.imports.map((i) => <Text key={i.id} size="sm">{t('report.perManager', { name: i.manager.name, shortCode: i.manager.shortCode, count: i.badgeCount })}</Text>)}
    </Alert>
  );
}

export function ImportBadges({ mode, onImported }: { mode: 'staff' | 'operator'; onImported(): void }) {
  const { t } = useTranslation('badgestock');
  const { file, setFile, progress, result: imported, error, upload } = useFileUpload((chosen, onProgress) => uploadBadges(IMPORT_URL[mode], chosen, onProgress), onImported);
  // Whole-file refusals: the server's English detail names the column or line, so it follows.
  const detail = error instanceof ApiError && ['badgestock.bad_header', 'badgestock.malformed'].includes(error.code) ? error.message : null;

  return (
    <Card withBorder>
      <form onSubmit={upload}>
        <Stack>
          <Title order={2} size="h4">{t('upload.title')}</Title>
          <Text size="sm" c="dimmed">{t(mode === 'operator' ? 'upload.hintOperator' : 'upload.hint')}</Text>
          <Code block>{EXAMPLE[mode]}</Code>
          <Group align="flex-end" wrap="wrap">
            <FileInput label={t('upload.file')} placeholder={t('upload.choose')} accept=".csv,text/csv,text/plain" value={file} onChange={setFile}
              clearable w={{ base: '100%', xs: 360 }} clearButtonProps={{ 'aria-label': t('upload.clear') }} />
            <Button type="submit" disabled={!file} loading={progress !== null}>{t('upload.submit')}</Button>
          </Group>
          {progress !== null && <Progress value={progress * 100} aria-label={t('upload.progress')} animated={progress >= 1} />}
          {error instanceof ImportRefused ? <Report report={error.report} />
            : error !== null && <Alert color="red" role="alert">{errorText(t, error)}{detail && <Text size="sm" mt={4}>{detail}</Text>}</Alert>}
          {imported && <Summary imported={imported} operator={mode === 'operator'} />}
        </Stack>
      </form>
    </Card>
  );
}
