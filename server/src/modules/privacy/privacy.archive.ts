// The export archive: data.json with every section, and one CSV per table that has rows. Zipped
// with fflate (small, no native parts, already shipped with pdfkit; synchronous zipSync is
// fine for one person's data).
import { strToU8, zipSync } from 'fflate';

export type Sections = Record<string, Record<string, unknown>[]>;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function buildArchive(exportedAt: Date, sections: Sections): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'data.json': strToU8(JSON.stringify({ exportedAt: exportedAt.toISOString(), sections }, null, 2)),
  };
  for (const [name, rows] of Object.entries(sections)) if (rows.length) files[`csv/${name}.csv`] = strToU8(toCsv(rows));
  return zipSync(files);
}
