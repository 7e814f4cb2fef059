// Swiss Payment Standards 2022: pain.001.001.09 with the SIX schema pain.001.001.09.ch.03.xsd.
// Refunds are domestic CHF payments to a Swiss or Liechtenstein IBAN (SPS payment type "D"): no
// SEPA service level, no charge bearer, creditor agent derived by the bank from the IBAN.
import { decimalAmount, isoDate, type PayoutFile } from './pain001.ts';

const NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';
const SCHEMA_LOCATION = `${NAMESPACE} pain.001.001.09.ch.03.xsd`;

/** SPS allows Basic Latin, Latin-1 Supplement, Latin Extended-A and a few more; the rest becomes a space. */
export function spsText(text: string, maxLength: number): string {
  return text.replace(/[^\x20-\x7E\u00A0-\u017F€ȘșȚț]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, maxLength);
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

type Node = string | [name: string, children: Node[] | string, attributes?: Record<string, string>];

function render(node: Node, depth: number): string {
  if (typeof node === 'string') return node;
  const [name, children, attributes] = node;
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(attributes ?? {}).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  if (typeof children === 'string') return `${pad}<${name}${attrs}>${escapeXml(children)}</${name}>`;
  return `${pad}<${name}${attrs}>\n${children.map((c) => render(c, depth + 1)).join('\n')}\n${pad}</${name}>`;
}

/** Local date and time without zone, as SPS examples show it. */
function dateTime(date: Date): string {
  const time = [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${isoDate(date)}T${time}`;
}

/** The debtor's bank: its BIC when known, else the Swiss institution id (IID) inside the IBAN. */
function debtorAgent(iban: string, bic: string | null): Node {
  if (bic) return ['FinInstnId', [['BICFI', bic]]];
  return ['FinInstnId', [['ClrSysMmbId', [['ClrSysId', [['Cd', 'CHBCC']]], ['MmbId', iban.slice(4, 9)]]]]];
}

export function swissCreditTransfer(file: PayoutFile): string {
  const total = decimalAmount(file.payments.reduce((sum, p) => sum + p.amountMinor, 0));
  const count = String(file.payments.length);
  const { debtor } = file;
  const document: Node = ['Document', [
    ['CstmrCdtTrfInitn', [
      ['GrpHdr', [
        ['MsgId', file.messageId],
        ['CreDtTm', dateTime(file.createdAt)],
        ['NbOfTxs', count],
        ['CtrlSum', total],
        ['InitgPty', [
          ['Nm', spsText(file.initiatorName, 70)],
          // SPS asks for the producing software's name and version here.
          ['CtctDtls', [['Othr', [['ChanlTp', 'NAME'], ['Id', 'Concierge']]], ['Othr', [['ChanlTp', 'VRSN'], ['Id', '0.1.0']]]]],
        ]],
      ]],
      ['PmtInf', [
        ['PmtInfId', `${file.messageId}-1`],
        ['PmtMtd', 'TRF'],
        ['BtchBookg', 'true'],
        ['NbOfTxs', count],
        ['CtrlSum', total],
        ['ReqdExctnDt', [['Dt', isoDate(file.executionDate)]]],
        ['Dbtr', [
          ['Nm', spsText(debtor.name, 70)],
          ['PstlAdr', [
            ['StrtNm', spsText(debtor.street, 70)],
            ['PstCd', spsText(debtor.postalCode, 16)],
            ['TwnNm', spsText(debtor.city, 35)],
            ['Ctry', debtor.country],
          ]],
        ]],
        ['DbtrAcct', [['Id', [['IBAN', debtor.iban]]]]],
        ['DbtrAgt', [debtorAgent(debtor.iban, debtor.bic)]],
        ...file.payments.map((payment, index): Node => ['CdtTrfTxInf', [
          ['PmtId', [['InstrId', `${file.messageId}-${index + 1}`], ['EndToEndId', payment.endToEndId]]],
          ['Amt', [['InstdAmt', decimalAmount(payment.amountMinor), { Ccy: 'CHF' }]]],
          ['Cdtr', [['Nm', spsText(payment.creditorName, 70)]]],
          ['CdtrAcct', [['Id', [['IBAN', payment.creditorIban]]]]],
          ['RmtInf', [['Ustrd', spsText(payment.remittance, 140)]]],
        ]]),
      ]],
    ]],
  ], { xmlns: NAMESPACE, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': SCHEMA_LOCATION }];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(document, 0)}\n`;
}
