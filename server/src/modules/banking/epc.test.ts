import { describe, expect, it } from 'vitest';
import { epcPayload } from './epc.ts';

describe('EPC QR payload', () => {
  it('lays out a transfer with an amount exactly as EPC069-12 version 002 specifies', () => {
    expect(epcPayload({ bic: 'BKAUATWW', name: 'Heimbau Hausverwaltung GmbH', iban: 'AT61 1904 3002 3457 3201', amountCents: 2550, reference: 'rf18 5390 0754 7034' }))
      .toBe('BCD\n002\n1\nSCT\nBKAUATWW\nHeimbau Hausverwaltung GmbH\nAT611904300234573201\nEUR25.50\n\nRF18539007547034');
  });

  it('leaves BIC and amount empty when unknown, so the payer chooses the amount', () => {
    expect(epcPayload({ bic: null, name: 'Heimbau', iban: 'AT611904300234573201', reference: 'RF18539007547034' }))
      .toBe('BCD\n002\n1\nSCT\n\nHeimbau\nAT611904300234573201\n\n\nRF18539007547034');
  });

  it('refuses amounts a bank would refuse', () => {
    expect(() => epcPayload({ bic: null, name: 'x', iban: 'AT611904300234573201', amountCents: 0, reference: 'RF18539007547034' })).toThrow(RangeError);
    expect(() => epcPayload({ bic: null, name: 'x', iban: 'AT611904300234573201', amountCents: 1.5, reference: 'RF18539007547034' })).toThrow(RangeError);
  });
});
