// What can be said of a badge list's rows from the file alone: a readable UID, a supported
// technology, a label, a known manager, nothing repeated. What the database knows (UIDs and
// labels already in stock or issued) is checked afterwards for all rows at once
// (badgestock.usecases.ts). Problems carry a stable code, so the portal words them in the
// user's language, and the English message for everyone else.
import { AppError } from '../../errors.ts';
import { normalizeUid, requireSupportedTechnology } from '../credentials/credentials.tags.ts';
import type { CsvRow } from './badgestock.csv.ts';
import { MAX_LABEL_LENGTH } from './badgestock.limits.ts';

export type ProblemField = 'uid' | 'label' | 'technology' | 'manager' | 'row';

export interface RowProblem {
  line: number;
  field: ProblemField;
  code: string;
  message: string;
  /** What the file said, shortened. */
  value: string;
  /** For a repetition: the line that said it first. */
  firstLine?: number;
}

/** A row that passed the file checks as far as they go; null where its field was wrong. */
export interface CandidateRow {
  line: number;
  tenantId: string | null;
  uid: string | null;
  label: string | null;
}

/** Where a row goes: the importing manager's own tenant, or the one its manager column names. */
export type Destination =
  | { kind: 'own'; tenantId: string; shortCode: string }
  | { kind: 'by_manager_column'; tenantIdByShortCode: Map<string, string> };

const echo = (value: string) => (value.length > 40 ? `${value.slice(0, 39)}…` : value);

export function problem(row: { line: number }, field: ProblemField, code: string, message: string, value: string, firstLine?: number): RowProblem {
  return { line: row.line, field, code, message, value: echo(value), ...(firstLine !== undefined && { firstLine }) };
}

/**
 * Readers and suppliers' lists name the technology in many ways (MIFARE Classic 1K, DESFire EV2,
 * T=CL); what decides is the family. Anything else is passed on as written and refused.
 */
export function technologyOf(raw: string): string {
  const key = raw.trim().toLowerCase().replace(/[\s\-=/]+/g, '_');
  if (key === '' || /(^|_)classic(_|$)/.test(key) || key === 'mifare_1k' || key === 'mifare_4k') return 'mifare_classic';
  if (key.includes('desfire')) return 'desfire';
  if (/(^|_)t_cl$/.test(key) || key === 'iso_14443_4') return 't_cl';
  return key;
}

/** The label's own problem, if any (also used for a building badge's optional label). */
export function labelProblem(label: string): { code: string; message: string } | null {
  if (label === '') return { code: 'badgestock.label_missing', message: 'Every badge needs the label printed on it, e.g. ID*heimbau*1234' };
  if (label.length > MAX_LABEL_LENGTH) return { code: 'badgestock.label_too_long', message: `A label has at most ${MAX_LABEL_LENGTH} characters` };
  if (/\p{Cc}/u.test(label)) return { code: 'badgestock.label_invalid', message: 'A label may not contain line breaks or control characters' };
  return null;
}

function tenantOf(row: CsvRow, destination: Destination, problems: RowProblem[]): string | null {
  const manager = row.manager.trim().toLowerCase();
  if (destination.kind === 'own') {
    if (manager === '' || manager === destination.shortCode) return destination.tenantId;
    problems.push(problem(row, 'manager', 'badgestock.manager_foreign', `You can import badges for your own property manager (${destination.shortCode}) only`, row.manager));
    return null;
  }
  if (manager === '') {
    problems.push(problem(row, 'manager', 'badgestock.manager_missing', 'Name the property manager by its short code, e.g. heimbau', row.manager));
    return null;
  }
  const tenantId = destination.tenantIdByShortCode.get(manager);
  if (!tenantId) problems.push(problem(row, 'manager', 'badgestock.manager_unknown', `No property manager has the short code ${manager}`, row.manager));
  return tenantId ?? null;
}

function uidOf(row: CsvRow, problems: RowProblem[]): string | null {
  try {
    return normalizeUid(row.uid);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problems.push(problem(row, 'uid', error.code, error.message, row.uid));
    return null;
  }
}

function technologyProblem(row: CsvRow, problems: RowProblem[]): boolean {
  try {
    requireSupportedTechnology(technologyOf(row.technology));
    return false;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problems.push(problem(row, 'technology', error.code, error.message, row.technology));
    return true;
  }
}

/** Checks every row against the file; repetitions are reported on the later line. */
export function checkRows(rows: CsvRow[], columnCount: number, destination: Destination): { candidates: CandidateRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const candidates: CandidateRow[] = [];
  const uidLines = new Map<string, number>();
  const labelLines = new Map<string, number>();
  for (const row of rows) {
    if (row.fieldCount !== columnCount) {
      problems.push(problem(row, 'row', 'badgestock.column_count',
        `This line has ${row.fieldCount} fields where the header names ${columnCount}; is a separator missing or a label not quoted?`, ''));
      continue;
    }
    const tenantId = tenantOf(row, destination, problems);
    let uid = uidOf(row, problems);
    technologyProblem(row, problems);
    const labelIssue = labelProblem(row.label);
    let label: string | null = row.label;
    if (labelIssue) {
      problems.push(problem(row, 'label', labelIssue.code, labelIssue.message, row.label));
      label = null;
    }
    if (uid !== null) {
      const first = uidLines.get(uid);
      if (first !== undefined) {
        problems.push(problem(row, 'uid', 'badgestock.uid_repeated', `The same UID is already on line ${first} of this file`, row.uid, first));
        uid = null;
      } else uidLines.set(uid, row.line);
    }
    if (label !== null) {
      const first = labelLines.get(label);
      if (first !== undefined) {
        problems.push(problem(row, 'label', 'badgestock.label_repeated', `The same label is already on line ${first} of this file`, row.label, first));
        label = null;
      } else labelLines.set(label, row.line);
    }
    candidates.push({ line: row.line, tenantId, uid, label });
  }
  return { candidates, problems };
}
