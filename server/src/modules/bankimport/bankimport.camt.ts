// Reads ISO 20022 bank-to-customer messages (camt.053 statements, camt.054 notifications) into
// the credit entries a top-up can come from. Pure: text in, entries out, or a `bankimport.malformed`
// error naming the first problem. Debits and unbooked entries are counted but not returned.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformed } from './bankimport.errors.ts';

const NS = 'urn:iso:std:iso:20022:tech:xsd:';
/** The versions we read. Their credit-side fields differ only where `readTransaction` looks in two places. */
const SUPPORTED: Record<string, { root: string; report: string }> = {};
for (const version of ['02', '04', '08']) {
  SUPPORTED[`camt.053.001.${version}`] = { root: 'BkToCstmrStmt', report: 'Stmt' };
  SUPPORTED[`camt.054.001.${version}`] = { root: 'BkToCstmrDbtCdtNtfctn', report: 'Ntfctn' };
}

// Minor-unit digits of the currencies a statement may carry; anything else has two.
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, HUF: 2, BHD: 3, KWD: 3, TND: 3 };

export interface CreditEntry {
  /** Stable across files: the bank's reference for the booking, so a camt.054 and a camt.053 agree. */
  key: string;
  amountMinor: number;
  currency: string;
  bookedOn: string;
  structuredReference: string | null;
  freeText: string | null;
  debtorName: string | null;
  debtorIban: string | null;
}

export interface ParsedStatement {
  format: string;
  messageId: string;
  accountIbans: string[];
  credits: CreditEntry[];
  /** Debit entries and entries not yet booked: present in the file, never credited. */
  ignored: number;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false,
  parseAttributeValue: false, processEntities: true, htmlEntities: true, ignoreDeclaration: true, ignorePiTags: true,
  trimValues: true,
});
const rawParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: false, parseTagValue: false, ignoreDeclaration: true, ignorePiTags: true });

export function parseCamt(xml: string): ParsedStatement {
  // Entity declarations are how XML bombs and external-entity reads work; bank files never need them.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw malformed('DOCTYPE and entity declarations are not allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw malformed(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);

  const format = documentFormat(rawParser.parse(xml) as Node);
  const spec = SUPPORTED[format]!;
  const document = (parser.parse(xml) as Node).Document as Node;
  const message = child(document, spec.root);
  if (!message) throw malformed(`${format} document without ${spec.root}`);
  const messageId = requiredText(message, 'GrpHdr/MsgId', spec.root);

  const reports = list(message[spec.report]);
  if (reports.length === 0) throw malformed(`${spec.root}/${spec.report} is missing`);
  const result: ParsedStatement = { format, messageId, accountIbans: [], credits: [], ignored: 0 };
  reports.forEach((report, r) => {
    const path = `${spec.report}[${r + 1}]`;
    requiredText(report, 'Id', path);
    result.accountIbans.push(requiredText(report, 'Acct/Id/IBAN', path).replace(/\s+/g, ''));
    list(report.Ntry).forEach((entry, n) => readEntry(entry, `${path}/Ntry[${n + 1}]`, { messageId, report: r, entry: n }, result));
  });
  return result;
}

/** The camt version from the root element's namespace, whatever prefix the bank used. */
function documentFormat(raw: Node): string {
  const rootName = Object.keys(raw).find((k) => !k.startsWith('@') && !k.startsWith('?'));
  if (!rootName) throw malformed('the file has no root element');
  const [prefix, local] = rootName.includes(':') ? rootName.split(':') as [string, string] : [null, rootName];
  if (local !== 'Document') throw malformed(`root element ${local} is not an ISO 20022 Document`);
  const root = raw[rootName] as Node | string;
  const namespace = typeof root === 'object' ? root[prefix ? `@xmlns:${prefix}` : '@xmlns'] : undefined;
  if (typeof namespace !== 'string') throw malformed('the Document has no namespace');
  const format = namespace.startsWith(NS) ? namespace.slice(NS.length) : '';
  if (!SUPPORTED[format]) throw malformed(`unsupported namespace ${namespace}`);
  return format;
}

function readEntry(entry: Node, path: string, at: { messageId: string; report: number; entry: number }, out: ParsedStatement): void {
  const amount = child(entry, 'Amt');
  if (amount === undefined) throw malformed(`${path}/Amt is missing`);
  const currency = attribute(amount, 'Ccy');
  if (!currency || !/^[A-Z]{3}$/.test(currency)) throw malformed(`${path}/Amt has no valid Ccy`);
  const entryAmount = minorUnits(textOf(amount), currency, `${path}/Amt`);
  const direction = requiredText(entry, 'CdtDbtInd', path);
  if (direction !== 'CRDT' && direction !== 'DBIT') throw malformed(`${path}/CdtDbtInd must be CRDT or DBIT`);
  const bookedOn = date(entry, 'BookgDt') ?? date(entry, 'ValDt');
  if (!bookedOn) throw malformed(`${path}/BookgDt or ValDt is missing`);
  // camt.053.001.02 carries the status as text, later versions as Sts/Cd. Only booked money is real.
  const status = text(entry, 'Sts/Cd') ?? text(entry, 'Sts');
  if (direction === 'DBIT' || (status !== null && status !== 'BOOK')) {
    out.ignored += 1;
    return;
  }

  const entryRef = text(entry, 'AcctSvcrRef');
  const transactions = list(entry.NtryDtls).flatMap((d) => list(d.TxDtls));
  if (transactions.length === 0) {
    out.credits.push({ key: entryRef ?? fallbackKey(at, 0), amountMinor: entryAmount, currency, bookedOn,
      structuredReference: null, freeText: null, debtorName: null, debtorIban: null });
    return;
  }
  let sum = 0;
  transactions.forEach((tx, t) => {
    const txPath = `${path}/NtryDtls/TxDtls[${t + 1}]`;
    // A single transfer is credited with what was booked (the entry); a batch says what each brought.
    let amountMinor = entryAmount;
    if (transactions.length > 1) {
      const txAmount = child(tx, 'Amt') ?? child(tx, 'AmtDtls/TxAmt/Amt');
      if (txAmount === undefined) throw malformed(`${txPath}/Amt is missing`);
      if (attribute(txAmount, 'Ccy') !== currency) throw malformed(`${txPath}/Amt currency differs from ${path}/Amt`);
      amountMinor = minorUnits(textOf(txAmount), currency, `${txPath}/Amt`);
    }
    sum += amountMinor;
    const ownRef = text(tx, 'Refs/AcctSvcrRef');
    const key = ownRef ?? (entryRef ? (transactions.length > 1 ? `${entryRef}/${t + 1}` : entryRef) : fallbackKey(at, t));
    out.credits.push({
      key, amountMinor, currency, bookedOn,
      structuredReference: list(child(tx, 'RmtInf')?.Strd).map((s) => text(s, 'CdtrRefInf/Ref')).find((r) => r) ?? null,
      freeText: list(child(tx, 'RmtInf')?.Ustrd).map(textOf).filter(Boolean).join(' ') || null,
      // camt.053.001.02/04 name the debtor directly; .08 wraps it in Pty.
      debtorName: text(tx, 'RltdPties/Dbtr/Pty/Nm') ?? text(tx, 'RltdPties/Dbtr/Nm'),
      debtorIban: text(tx, 'RltdPties/DbtrAcct/Id/IBAN')?.replace(/\s+/g, '') ?? null,
    });
  });
  if (sum !== entryAmount) throw malformed(`${path}: the transaction amounts do not add up to the entry amount`);
}

function fallbackKey(at: { messageId: string; report: number; entry: number }, tx: number): string {
  return `${at.messageId}/${at.report + 1}/${at.entry + 1}/${tx + 1}`;
}

/** Decimal text to integer minor units, digit by digit: no floating point ever touches money. */
function minorUnits(value: string, currency: string, path: string): number {
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(value);
  if (!match) throw malformed(`${path} is not an amount: "${value}"`);
  const digits = MINOR_DIGITS[currency] ?? 2;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) throw malformed(`${path} has more than ${digits} decimals`);
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0) throw malformed(`${path} must be positive`);
  return minor;
}

function date(entry: Node, name: string): string | null {
  const value = text(entry, `${name}/Dt`) ?? text(entry, `${name}/DtTm`)?.slice(0, 10) ?? null;
  if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return value;
}

function list(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Node[];
}

function child(node: unknown, path: string): Node | undefined {
  let current: unknown = node;
  for (const name of path.split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Node)[name];
    if (Array.isArray(current)) current = current[0];
  }
  return current === undefined ? undefined : (current as Node);
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node.trim();
  if (node && typeof node === 'object' && typeof (node as Node)['#text'] === 'string') return ((node as Node)['#text'] as string).trim();
  return '';
}

function text(node: unknown, path: string): string | null {
  return textOf(child(node, path)) || null;
}

function attribute(node: unknown, name: string): string | undefined {
  return node && typeof node === 'object' ? ((node as Node)[`@${name}`] as string | undefined) : undefined;
}

function requiredText(node: unknown, path: string, context: string): string {
  const value = text(node, path);
  if (!value) throw malformed(`${context}/${path} is missing`);
  return value;
}
