// Readings as CSV, as SCADA exports and spreadsheets write them: a header line naming the columns
// meter, at and value, and optionally temperature (any order; `;` or `,` between them), then one
// reading per line. Every bad line is reported with its number; then nothing is stored.
import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../errors.ts';
import type { IncomingReading } from './metering.ingest.ts';
import { MAX_READINGS } from './metering.schemas.ts';

const COLUMNS = ['meter', 'at', 'value'] as const;

const badCsv = (fields: { field: string; message: string }[]) => new AppError('metering.invalid_csv', 400, 'The file has lines that are not readings', fields.slice(0, 100));

export function readingsFromCsv(text: string): IncomingReading[] {
  const delimiter = (text.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    if (error instanceof CsvError) throw badCsv([{ field: 'line/1', message: error.message }]);
    throw error;
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const position = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const missing = COLUMNS.filter((c) => position[c] < 0);
  const temperatureAt = header.indexOf('temperature');
  if (missing.length) throw badCsv([{ field: 'line/1', message: `The header must name the columns meter, at and value (missing: ${missing.join(', ')})` }]);
  if (records.length - 1 > MAX_READINGS) throw badCsv([{ field: `line/${MAX_READINGS + 2}`, message: `At most ${MAX_READINGS} readings per file` }]);
  const errors: { field: string; message: string }[] = [];
  const readings = records.slice(1).map((record, i) => {
    const line = i + 2;
    const meter = record[position.meter] ?? '';
    const at = new Date(record[position.at] ?? '');
    // A decimal comma is a decimal point here: no thousands separators in meter values.
    const value = Number((record[position.value] ?? '').replace(',', '.'));
    const temperatureText = temperatureAt >= 0 ? (record[temperatureAt] ?? '') : '';
    const temperature = temperatureText === '' ? null : Number(temperatureText.replace(',', '.'));
    if (!meter) errors.push({ field: `line/${line}/meter`, message: 'No meter serial number' });
    if (Number.isNaN(at.getTime()) || !/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(record[position.at] ?? '')) errors.push({ field: `line/${line}/at`, message: 'Not a time (write 2026-10-24T13:00:00Z)' });
    if (!Number.isFinite(value) || (record[position.value] ?? '') === '') errors.push({ field: `line/${line}/value`, message: 'Not a number' });
    if (temperature !== null && !(temperature >= -100 && temperature <= 250)) errors.push({ field: `line/${line}/temperature`, message: 'Not a temperature between -100 and 250 °C' });
    return { meter, at, value, temperature };
  });
  if (errors.length) throw badCsv(errors);
  if (readings.length === 0) throw badCsv([{ field: 'line/2', message: 'The file holds no readings' }]);
  return readings;
}
