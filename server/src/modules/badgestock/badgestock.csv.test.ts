import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { decodeCsv, parseBadgeCsv } from './badgestock.csv.ts';
import { checkRows, technologyOf } from './badgestock.rows.ts';

const own = { kind: 'own' as const, tenantId: 't1', shortCode: 'heimbau' };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('reading a badge list', () => {
  it('reads ; and , files, a BOM, CRLF, quoted labels and the line of every record', () => {
    const semicolon = parseBadgeCsv('\uFEFFUID;Label\r\n04A224B2;"ID*a;1"\r\n\r\n;\r\n04A224B3;ID*a*2\r\n', { requireManager: false });
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.rows.map((r) => [r.line, r.uid, r.label])).toEqual([[2, '04A224B2', 'ID*a;1'], [5, '04A224B3', 'ID*a*2']]);

    const comma = parseBadgeCsv('uid,label,technology\n04A224B2, ID*a*1 ,\n"04A224B3","ID*a\n2",desfire\n04A224B4,x,\n', { requireManager: false });
    expect(comma.delimiter).toBe(',');
    // The record with a line break inside quotes starts on line 3 and the next one is line 5.
    expect(comma.rows.map((r) => [r.line, r.uid, r.label, r.technology])).toEqual([
      [2, '04A224B2', 'ID*a*1', ''], [3, '04A224B3', 'ID*a\n2', 'desfire'], [5, '04A224B4', 'x', ''],
    ]);
  });

  it('decodes UTF-8 and falls back to Windows-1252 for files saved by older spreadsheets', () => {
    expect(decodeCsv(Buffer.from('uid;label\n04A224B2;ID*régie*1\n', 'utf8'))).toContain('ID*régie*1');
    expect(decodeCsv(Buffer.from('uid;label\n04A224B2;ID*r\xe9gie*1\n', 'latin1'))).toContain('ID*régie*1');
  });

  it('refuses a file it cannot read as a badge list, saying why', () => {
    expect(codeOf(() => parseBadgeCsv('uid;lable\n04A224B2;x\n', { requireManager: false }))).toMatch(/^badgestock.bad_header: Unknown column "lable"/);
    expect(codeOf(() => parseBadgeCsv('uid;technology\n04A224B2;x\n', { requireManager: false }))).toMatch(/^badgestock.bad_header: The column label is missing/);
    expect(codeOf(() => parseBadgeCsv('uid;label\n04A224B2;x\n', { requireManager: true }))).toMatch(/^badgestock.bad_header: The column manager is missing/);
    expect(codeOf(() => parseBadgeCsv('uid;label;uid\n', { requireManager: false }))).toMatch(/^badgestock.bad_header: The column uid appears twice/);
    expect(codeOf(() => parseBadgeCsv('uid;label\n', { requireManager: false }))).toMatch(/^badgestock.empty/);
    expect(codeOf(() => parseBadgeCsv('', { requireManager: false }))).toMatch(/^badgestock.empty/);
    expect(codeOf(() => parseBadgeCsv('uid;label\n04A224B2;"ID*a\n04A224B3;x\n', { requireManager: false }))).toMatch(/^badgestock.malformed: The file is not valid CSV \(line 2\): a quote/);
    const tooMany = 'uid;label\n' + Array.from({ length: 50_001 }, (_, i) => `04A2${i.toString(16).padStart(4, '0')};L${i}`).join('\n');
    expect(codeOf(() => parseBadgeCsv(tooMany, { requireManager: false }))).toMatch(/^badgestock.too_many_rows: .* at most 50000 rows; this one has 50001/);
  });
});

describe('checking rows against the file', () => {
  it('reports every bad row with line, field and code; repetitions point to the first line', () => {
    const parsed = parseBadgeCsv([
      'uid;label;technology;manager',
      '04A224B2;ID*h*1;;heimbau', // fine
      '04A224B;ID*h*2;;', // 7 hex digits
      '04:a2:24:b2;ID*h*3;;', // the UID of line 2, spelled differently
      '04A224B4;ID*h*1;DESFire EV2;', // label of line 2
      '04A224B5;;T=CL;regielac', // no label, T=CL, another manager
      '04A224B6;ID*h*6', // a field short
    ].join('\n'), { requireManager: false });
    const { problems, candidates } = checkRows(parsed.rows, parsed.columns.length, own);
    expect(problems.map((p) => [p.line, p.field, p.code, p.firstLine ?? null])).toEqual([
      [3, 'uid', 'credentials.bad_uid', null],
      [4, 'uid', 'badgestock.uid_repeated', 2],
      [5, 'technology', 'credentials.unsupported_technology', null],
      [5, 'label', 'badgestock.label_repeated', 2],
      [6, 'manager', 'badgestock.manager_foreign', null],
      [6, 'technology', 'credentials.unsupported_technology', null],
      [6, 'label', 'badgestock.label_missing', null],
      [7, 'row', 'badgestock.column_count', null],
    ]);
    expect(problems.find((p) => p.line === 5 && p.field === 'technology')!.message).toMatch(/DESFire/);
    expect(problems.find((p) => p.line === 6 && p.field === 'technology')!.message).toMatch(/T=CL/);
    expect(candidates[0]).toEqual({ line: 2, tenantId: 't1', uid: '04A224B2', label: 'ID*h*1' });
  });

  it('maps the operator\'s manager column to tenants', () => {
    const parsed = parseBadgeCsv('uid,label,manager\n04A224B2,a,HeimBau\n04A224B3,b,\n04A224B4,c,nobody\n', { requireManager: true });
    const { problems, candidates } = checkRows(parsed.rows, 3, { kind: 'by_manager_column', tenantIdByShortCode: new Map([['heimbau', 't1']]) });
    expect(candidates.map((c) => c.tenantId)).toEqual(['t1', null, null]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([[3, 'badgestock.manager_missing'], [4, 'badgestock.manager_unknown']]);
  });

  it('understands the usual names of the technology', () => {
    expect(['', 'MIFARE Classic', 'mifare-classic-1k', 'Classic'].map(technologyOf)).toEqual(Array(4).fill('mifare_classic'));
    expect(['DESFire', 'MIFARE DESFire EV3'].map(technologyOf)).toEqual(['desfire', 'desfire']);
    expect(['T=CL', 'MIFARE T=CL'].map(technologyOf)).toEqual(['t_cl', 't_cl']);
  });
});
