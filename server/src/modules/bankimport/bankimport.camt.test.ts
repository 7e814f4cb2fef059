import { describe, expect, it } from 'vitest';
import { parseCamt } from './bankimport.camt.ts';
import { badgeLabelInText, customerNumberInText } from './bankimport.matching.ts';
import { fixture } from './fixtures/fixtures.ts';


function refusal(xml: string): string {
  try {
    parseCamt(xml);
  } catch (error) {
    expect(error).toMatchObject({ code: 'bankimport.malformed', status: 400 });
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('camt parsing', () => {
  it('reads an Austrian camt.053.001.02 statement: credits only, batches split, references kept', () => {
    const s = parseCamt(fixture('heimbau-camt053-v02.xml'));
    expect(s).toMatchObject({ format: 'camt.053.001.02', messageId: 'HB053-20240315-0001', accountIbans: ['AT611904300234573201'], ignored: 1 });
    expect(s.credits.map((c) => [c.key, c.amountMinor, c.currency])).toEqual([
      ['240315AT0000001-1', 5000, 'EUR'], ['240315AT0000002-1', 2500, 'EUR'], ['240315AT0000003-1', 3000, 'EUR'],
      ['240315AT0000004-1', 1234, 'EUR'], ['240315AT0000006-1', 2000, 'EUR'], ['240315AT0000006-2', 4000, 'EUR'],
      ['240315AT0000007-1', 800, 'EUR'], ['240315AT0000008-1', 1500, 'CHF'],
    ]);
    expect(s.credits[0]).toEqual({
      key: '240315AT0000001-1', amountMinor: 5000, currency: 'EUR', bookedOn: '2024-03-15', structuredReference: 'RF11HEIMBAU10001',
      freeText: null, debtorName: 'Anna Huber', debtorIban: 'AT483200000012345864',
    });
    expect(s.credits[3]!.freeText).toBe('Miete März Top 7 Restbetrag');
  });

  it('reads a camt.054.001.02 notification, skipping an entry that is not booked yet', () => {
    const s = parseCamt(fixture('heimbau-camt054-v02.xml'));
    expect(s).toMatchObject({ format: 'camt.054.001.02', messageId: 'HB054-20240315-0042', ignored: 1 });
    expect(s.credits.map((c) => c.key)).toEqual(['240315AT0000001-1', '240315AT0000006-1', '240315AT0000006-2', '240315AT0000011-1']);
    expect(s.credits[3]!.bookedOn).toBe('2024-03-15'); // from BookgDt/DtTm
  });

  it('reads a Swiss camt.053.001.08 statement with QR and RF references and the debtor under Pty', () => {
    const s = parseCamt(fixture('regielac-camt053-v08.xml'));
    expect(s).toMatchObject({ format: 'camt.053.001.08', accountIbans: ['CH9300762011623852957'], ignored: 1 });
    expect(s.credits.map((c) => [c.amountMinor, c.structuredReference, c.debtorName])).toEqual([
      [10000, '000000000000000000000100018', 'Camille Favre'], [5000, 'RF17REGIELAC10002', 'Luca Rossi'],
      [2000, null, 'S. Meier'], [7500, null, 'Jean Dupuis'], [3000, '000000000000000000000100023', 'Luca Rossi'],
      [1500, '00 00000 00000 00000 00001 00039', 'Sophie Meier'],
    ]);
  });

  it('reads a camt.054.001.08 notification written with a namespace prefix', () => {
    const s = parseCamt(fixture('regielac-camt054-v08.xml'));
    expect(s.format).toBe('camt.054.001.08');
    expect(s.credits.map((c) => [c.key, c.amountMinor])).toEqual([['CH240402QR000001-01', 10000], ['CH240402QR000009-01', 4000]]);
  });

  it('accepts camt.053.001.04 and falls back to the entry reference, then to the message id, for keys', () => {
    const xml = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>
      <Stmt><Id>S</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id></Acct>
        <Ntry><Amt Ccy="CHF">0.10</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><ValDt><Dt>2024-01-02</Dt></ValDt><AcctSvcrRef>E1</AcctSvcrRef></Ntry>
        <Ntry><Amt Ccy="CHF">1234567.2</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-02</Dt></BookgDt>
          <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Old &amp; Co</Nm></Dbtr></RltdPties><RmtInf><Ustrd>M&#252;ller</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      </Stmt></BkToCstmrStmt></Document>`;
    const s = parseCamt(xml);
    expect(s.credits.map((c) => [c.key, c.amountMinor, c.bookedOn])).toEqual([['E1', 10, '2024-01-02'], ['M1/1/2/1', 123456720, '2024-01-02']]);
    expect(s.credits[1]).toMatchObject({ debtorName: 'Old & Co', freeText: 'Müller' });
  });
});

describe('malformed bank files', () => {
  const statement = fixture('heimbau-camt053-v02.xml');

  it('refuses what is not XML', () => {
    expect(refusal('Buchungstag;Betrag\n15.03.2024;50,00')).toMatch(/not well-formed XML/);
    expect(refusal('<Document><Stmt></Document>')).toMatch(/not well-formed XML/);
  });

  it('refuses other namespaces and other messages', () => {
    expect(refusal(statement.replace('xsd:camt.053.001.02', 'xsd:camt.052.001.02'))).toContain('unsupported namespace urn:iso:std:iso:20022:tech:xsd:camt.052.001.02');
    expect(refusal(statement.replace(' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', ''))).toContain('the Document has no namespace');
    expect(refusal(statement.replace('xsd:camt.053.001.02', 'xsd:camt.054.001.02'))).toContain('camt.054.001.02 document without BkToCstmrDbtCdtNtfctn');
  });

  it('names the missing or broken element', () => {
    expect(refusal(statement.replace('<Amt Ccy="EUR">12.34</Amt>', ''))).toContain('Stmt[1]/Ntry[4]/Amt is missing');
    expect(refusal(statement.replace('<Amt Ccy="EUR">12.34</Amt>', '<Amt Ccy="EUR">12.345</Amt>'))).toContain('Stmt[1]/Ntry[4]/Amt has more than 2 decimals');
    expect(refusal(statement.replace('<Amt Ccy="EUR">12.34</Amt>', '<Amt>12.34</Amt>'))).toContain('Stmt[1]/Ntry[4]/Amt has no valid Ccy');
    expect(refusal(statement.replace('<Amt Ccy="EUR">12.34</Amt>', '<Amt Ccy="EUR">-12.34</Amt>'))).toContain('Stmt[1]/Ntry[4]/Amt is not an amount');
    expect(refusal(statement.replace('<MsgId>HB053-20240315-0001</MsgId>', ''))).toContain('BkToCstmrStmt/GrpHdr/MsgId is missing');
    expect(refusal(statement.replace('<IBAN>AT611904300234573201</IBAN>', ''))).toContain('Stmt[1]/Acct/Id/IBAN is missing');
    expect(refusal(statement.replace('<Amt Ccy="EUR">40.00</Amt>', '<Amt Ccy="EUR">41.00</Amt>'))).toContain('Stmt[1]/Ntry[6]: the transaction amounts do not add up');
    expect(refusal(statement.replace('<AmtDtls><TxAmt><Amt Ccy="EUR">40.00</Amt></TxAmt></AmtDtls>', ''))).toContain('Stmt[1]/Ntry[6]/NtryDtls/TxDtls[2]/Amt is missing');
    const datesOfEntry4 = /<BookgDt><Dt>2024-03-15<\/Dt><\/BookgDt>\s*<ValDt><Dt>2024-03-15<\/Dt><\/ValDt>\s*(<AcctSvcrRef>240315AT0000004<)/;
    expect(datesOfEntry4.test(statement)).toBe(true);
    expect(refusal(statement.replace(datesOfEntry4, '$1'))).toContain('Stmt[1]/Ntry[4]/BookgDt or ValDt is missing');
  });

  it('refuses DOCTYPE and entity declarations before parsing', () => {
    const bomb = statement.replace('<Document', '<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<Document');
    expect(refusal(bomb)).toContain('DOCTYPE and entity declarations are not allowed');
  });
});

describe('free-text matching rules', () => {
  it('finds a customer number of the importing tenant in any case, but not inside a longer number', () => {
    expect(customerNumberInText('Aufladung Kd.Nr. heimbau-10002 Gruber', 'heimbau')).toBe('HEIMBAU-10002');
    expect(customerNumberInText('HEIMBAU-10002', 'heimbau')).toBe('HEIMBAU-10002');
    expect(customerNumberInText('REGIELAC-10002', 'heimbau')).toBeNull();
    expect(customerNumberInText('XHEIMBAU-10002', 'heimbau')).toBeNull();
    expect(customerNumberInText(null, 'heimbau')).toBeNull();
  });

  it('finds a badge label of the importing tenant', () => {
    expect(badgeLabelInText('Guthaben ID*heimbau*1234 danke', 'heimbau')).toBe('ID*heimbau*1234');
    expect(badgeLabelInText('id*HEIMBAU*77', 'heimbau')).toBe('ID*heimbau*77');
    expect(badgeLabelInText('ID*regielac*1234', 'heimbau')).toBeNull();
  });
});
