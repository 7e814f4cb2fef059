// Reads a badge list as spreadsheets export it: UTF-8 (with or without BOM) or Windows-1252,
// separated by `;` (Excel in German, French, Dutch and Polish) or `,`. The CSV grammar itself
// (quotes, separators inside quotes, line breaks) is csv-parse's; here we only name columns and
// keep each record's line number for the report.
import { CsvError, parse } from 'csv-parse/sync';
import { badHeader, emptyFile, malformedCsv, tooManyRows } from './badgestock.errors.ts';
import { MAX_ROWS } from './badgestock.limits.ts';

export const COLUMNS = ['uid', 'label', 'technology', 'manager'] as const;
export type Column = (typeof COLUMNS)[number];

export interface CsvRow {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  uid: string;
  label: string;
  technology: string;
  manager: string;
  /** The record has another number of fields than the header. */
  fieldCount: number;
}

export interface ParsedCsv {
  delimiter: ';' | ',';
  columns: Column[];
  rows: CsvRow[];
}

/**
 * Text of an uploaded file. UTF-8 when it decodes as such; otherwise the file came from a
 * Windows spreadsheet in its ANSI code page, and Windows-1252 reads it as the user saw it.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The separator is the one the header line uses: its column names contain neither. */
function delimiterOf(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) && header.includes(';') ? ';' : ',';
}

function columnsOf(header: string[], requireManager: boolean): Column[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length) throw badHeader(`Unknown column ${unknown.map((n) => `"${n}"`).join(', ')}; the columns are ${COLUMNS.join(', ')}`);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw badHeader(`The column ${repeated[0]} appears twice`);
  for (const required of ['uid', 'label', ...(requireManager ? ['manager'] : [])]) {
    if (!names.includes(required)) throw badHeader(`The column ${required} is missing; the first line must name the columns, e.g. uid;label;technology${requireManager ? ';manager' : ''}`);
  }
  return names as Column[];
}

export function parseBadgeCsv(raw: string, options: { requireManager: boolean }): ParsedCsv {
  // One kind of line break, so that lines are counted as an editor shows them, also inside a
  // quoted field spanning lines.
  const text = raw.replace(/\r\n?/g, '\n');
  const delimiter = delimiterOf(text);
  let records: string[][];
  try {
    // Empty lines come back as records too, so the line of a record is found by counting
    // (csv-parse's own line info doubles the parsing time of a large file).
    records = parse(text, {
      delimiter, bom: true, trim: true, relax_column_count: true,
      // A record longer than this is a binary or wrongly separated file, not a badge.
      max_record_size: 10_000,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse notices an unclosed quote at the end of the file; say where it opened.
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw malformedCsv(unclosedQuoteLine(text), 'a quote (") opened here is never closed');
    throw malformedCsv(typeof error.lines === 'number' ? error.lines : null, error.message);
  }
  const numbered: { record: string[]; line: number }[] = [];
  let line = 1;
  for (const record of records) {
    // Lines with nothing in them (also ";;" as spreadsheets save an empty row) are no badge.
    if (record.some((field) => field !== '')) numbered.push({ record, line });
    line += 1 + newlinesIn(record);
  }
  const [header, ...data] = numbered;
  if (!header) throw emptyFile();
  const columns = columnsOf(header.record, options.requireManager);
  if (data.length === 0) throw emptyFile();
  if (data.length > MAX_ROWS) throw tooManyRows(data.length);
  const at = (record: string[], column: Column) => {
    const index = columns.indexOf(column);
    return index < 0 ? '' : (record[index] ?? '');
  };
  const rows = data.map(({ record, line }) => ({
    line, uid: at(record, 'uid'), label: at(record, 'label'), technology: at(record, 'technology'), manager: at(record, 'manager'),
    fieldCount: record.length,
  }));
  return { delimiter, columns, rows };
}

/** The line of the last quote that opens a field and is never closed ("" inside quotes is a quote). */
function unclosedQuoteLine(text: string): number {
  let open = -1;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) open = open < 0 ? i : -1;
  return open < 0 ? 1 : text.slice(0, open).split('\n').length;
}

function newlinesIn(record: string[]): number {
  let count = 0;
  for (const field of record) count += field.split('\n').length - 1;
  return count;
}
