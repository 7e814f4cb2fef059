import { AppError, conflict } from '../../errors.ts';
import { MAX_FILE_BYTES, MAX_ROWS } from './badgestock.limits.ts';

// Whole-file refusals: the file cannot be read as a badge list at all.
export const fileTooLarge = () => new AppError('badgestock.file_too_large', 413,
  `A badge list may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB; split the file`, [{ field: 'file', message: 'too large' }]);
export const tooManyRows = (rows: number) => new AppError('badgestock.too_many_rows', 400,
  `A badge list may have at most ${MAX_ROWS} rows; this one has ${rows}. Split the file`, [{ field: 'file', message: 'too many rows' }]);
export const emptyFile = () => new AppError('badgestock.empty', 400,
  'The file has no badges: the first line names the columns (uid;label), each further line is one badge', [{ field: 'file', message: 'empty' }]);
export const badHeader = (problem: string) => new AppError('badgestock.bad_header', 400, problem, [{ field: 'file', message: problem }]);
export const malformedCsv = (line: number | null, detail: string) => new AppError('badgestock.malformed', 400,
  `The file is not valid CSV${line ? ` (line ${line})` : ''}: ${detail}`, [{ field: 'file', message: detail }]);
export const importRaceLost = () => conflict('badgestock.changed',
  'The stock changed while this file was imported; import it again to see the current report');
