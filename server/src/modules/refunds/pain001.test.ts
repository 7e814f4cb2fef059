import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { decimalAmount, type PayoutFile } from './pain001.ts';
import { epcText, sepaCreditTransfer } from './pain001.sepa.ts';
import { spsText, swissCreditTransfer } from './pain001.swiss.ts';

const file = (over: Partial<PayoutFile> = {}): PayoutFile => ({
  messageId: 'CZ-20250101-ABC', createdAt: new Date(2025, 0, 1, 9, 30), executionDate: new Date(2025, 0, 2), initiatorName: 'Régie du Lac <SA>',
  debtor: { name: 'Régie du Lac & Cie', iban: 'CH9300762011623852957', bic: null, street: 'Rue du Lac 1', postalCode: '1003', city: 'Lausanne', country: 'CH' },
  payments: [0.1, 0.2, 0.3].map((chf, i) => ({ endToEndId: `E2E${i}`, amountMinor: Math.round(chf * 100), creditorName: 'Zoë Müller', creditorIban: 'CH5604835012345678009', remittance: 'Remboursement' })),
  ...over,
});

describe('pain.001 writers', () => {
  it('writes amounts from minor units without floating-point drift', () => {
    expect([decimalAmount(1), decimalAmount(150), decimalAmount(123456789)]).toEqual(['0.01', '1.50', '1234567.89']);
    const doc = new XMLParser({ parseTagValue: false }).parse(swissCreditTransfer(file())).Document.CstmrCdtTrfInitn;
    expect(doc.GrpHdr.CtrlSum).toBe('0.60'); // 0.1 + 0.2 + 0.3 would be 0.6000000000000001 in floats
  });

  it('escapes and restricts text to each standard\'s character set', () => {
    expect(epcText('Zoë Müller & Söhne — Straße', 70)).toBe('Zoe Mueller Soehne Strasse');
    expect(spsText('Zoë Müller ★ Söhne', 70)).toBe('Zoë Müller Söhne');
    const swiss = swissCreditTransfer(file());
    expect(swiss).toContain('<Nm>Régie du Lac &amp; Cie</Nm>');
    expect(swiss).toContain('<Nm>Régie du Lac &lt;SA&gt;</Nm>');
  });

  it('names the debtor bank by BIC when known (SEPA) and keeps ids within 35 characters', () => {
    const sepa = new XMLParser({ parseTagValue: false }).parse(sepaCreditTransfer(file({
      debtor: { name: 'Heimbau', iban: 'AT611904300234573201', bic: 'BKAUATWW', street: 'x', postalCode: '1', city: 'Wien', country: 'AT' },
      payments: [{ endToEndId: 'a'.repeat(32), amountMinor: 1850, creditorName: 'Zoë Müller', creditorIban: 'DE89370400440532013000', remittance: 'Rückerstattung 1' }],
    }))).Document.CstmrCdtTrfInitn;
    expect(sepa.PmtInf.DbtrAgt.FinInstnId.BICFI).toBe('BKAUATWW');
    expect(sepa.PmtInf.CdtTrfTxInf.Cdtr.Nm).toBe('Zoe Mueller');
    expect(sepa.PmtInf.CdtTrfTxInf.PmtId.InstrId.length).toBeLessThanOrEqual(35);
    expect(sepa.GrpHdr.CtrlSum).toBe('18.50');
  });
});
