// The office imports a CSV file of readings (as a utility's or a building system's export). The
// report counts what was stored, what was known already, and names by line what was refused (a
// different value already stored for that time) or stored without counting (a register running
// backwards). A file with a bad line is refused whole: every bad line is listed, nothing stored.
import { Alert, Button, Code, FileInput, Group, Modal, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useFileUpload } from '../../ui/useFileUpload.ts';
import { uploadReadings, type IngestReport } from './metering.api.ts';

const EXAMPLE = 'meter;at;value\nWMZ-0001;2026-03-01T06:00:00Z;10452,5\nWMZ-0001;2026-03-01T07:00:00Z;10453,1';
/** A refusal of the whole file, with the lines it names. */
const REFUSALS = ['metering.invalid_csv', 'metering.invalid_reading'];
/** The server's words for a bad line (metering.csv.ts, metering.ingest.ts), as keys of `problems`. */
const PROBLEMS: [RegExp, string][] = [
  [/^No meter serial number/, 'noMeter'],
  [/^Not a time/, 'notTime'],
  [/^Not a number/, 'notNumber'],
  [/^The header must name the columns/, 'header'],
  [/^The file holds no readings/, 'empty'],
  [/^At most \d+ readings/, 'tooMany'],
  [/^No meter with the serial number (.*)$/, 'unknownMeter'],
  [/^The reading is dated in the future/, 'future'],
  [/^The value is out of range/, 'range'],
];

/** `line/3/at` (a CSV line) or `readings/1/at` (the second reading, on line 3). */
function place(field: string): { line: number | null; column: string | null } {
  const [kind, number, column] = field.split('/');
  const n = Number(number);
  if (!Number.isInteger(n)) return { line: null, column: null };
  return { line: kind === 'readings' ? n + 2 : n, column: column ?? null };
}

function problemText(t: TFunction, message: string): string {
  for (const [pattern, key] of PROBLEMS) {
    const match = pattern.exec(message);
    if (match) return t(`problems.${key}`, { serial: match[1] ?? '' });
  }
  return message;
}

function Refused({ error }: { error: ApiError }) {
  const { t } = useTranslation('metering');
  const lines = error.fields.map((f) => ({ ...place(f.field), problem: problemText(t, f.message) }));
  return (
    <Alert color="red" role="alert" title={t('import.refusedTitle')}>
      <Text size="sm">{t('import.refused')}</Text>
      <Table.ScrollContainer minWidth={420} mt="xs">
        <Table striped aria-label={t('import.badLines')}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('import.line')}</Table.Th><Table.Th>{t('import.column')}</Table.Th><Table.Th>{t('import.problem')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td>{l.line ?? '–'}</Table.Td>
                <Table.Td>{l.column ? t(`import.columns.${l.column}`, { defaultValue: l.column }) : t('import.wholeLine')}</Table.Td>
                <Table.Td>{l.problem}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error.fields.length >= 100 && <Text size="sm" mt="xs">{t('import.firstHundred')}</Text>}
    </Alert>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return <div><Text size="sm" c="dimmed">{label}</Text><Text fw={600} size="lg">{formatNumber(value)}</Text></div>;
}

function Report({ report }: { report: IngestReport }) {
  const { t } = useTranslation('metering');
  // Indexes count the readings from 0; the header is line 1.
  const lines = [
    ...report.conflicts.map((c) => ({ line: c.index + 2, outcome: t('import.conflict'), detail: t('import.conflictDetail', { stored: formatNumber(c.stored) }) })),
    ...report.flagged.map((f) => ({ line: f.index + 2, outcome: t('import.flagged'), detail: t(`import.reasons.${f.reason}`, { defaultValue: f.reason }) })),
  ].sort((a, b) => a.line - b.line);
  return (
    <Alert color={lines.length ? 'yellow' : 'green'} role="status" title={t('import.doneTitle')}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label={t('import.accepted')} value={report.accepted} />
        <Figure label={t('import.repeated')} value={report.repeated} />
        <Figure label={t('import.conflicts')} value={report.conflicts.length} />
        <Figure label={t('import.flaggedCount')} value={report.flagged.length} />
      </SimpleGrid>
      {lines.length > 0 && (
        <Table.ScrollContainer minWidth={420} mt="xs">
          <Table striped aria-label={t('import.linesToCheck')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('import.line')}</Table.Th><Table.Th>{t('import.outcome')}</Table.Th><Table.Th>{t('import.detail')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l, i) => <Table.Tr key={i}><Table.Td>{l.line}</Table.Td><Table.Td>{l.outcome}</Table.Td><Table.Td>{l.detail}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Alert>
  );
}

export function ImportReadingsModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('metering');
  const { file, setFile, progress, result, error, upload } = useFileUpload(uploadReadings, () => {});
  const refused = error instanceof ApiError && REFUSALS.includes(error.code) && error.fields.length > 0 ? error : null;

  return (
    <Modal opened onClose={onClose} title={t('import.title')} size="xl" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={upload}>
        <Stack>
          <Text size="sm" c="dimmed">{t('import.hint')}</Text>
          <Code block>{EXAMPLE}</Code>
          <Group align="flex-end" wrap="wrap">
            <FileInput label={t('import.file')} placeholder={t('import.choose')} accept=".csv,text/csv,text/plain" value={file} onChange={setFile}
              clearable w={{ base: '100%', xs: 360 }} clearButtonProps={{ 'aria-label': t('import.clear') }} />
            <Button type="submit" disabled={!file} loading={progress !== null}>{t('import.submit')}</Button>
          </Group>
          {progress !== null && <Progress value={progress * 100} aria-label={t('import.progress')} animated={progress >= 1} />}
          {refused ? <Refused error={refused} /> : error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          {result && <Report report={result} />}
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common:close')}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}
