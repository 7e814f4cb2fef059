import { describe, expect, it } from 'vitest';
import {
  customerNumberFromReference, feeNumberFromReference, feeReferences, formatReference, isValidQrReference, isValidRfReference, qrReference,
  rfReference, walletReferences,
} from './references.ts';

describe('ISO 11649 creditor references', () => {
  it('computes the check digits of the published example', () => {
    expect(rfReference('539007547034')).toBe('RF18539007547034');
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('rf18539007547034')).toBe(true);
  });

  it('rejects a changed digit, a swapped pair and a too long payload', () => {
    expect(isValidRfReference('RF18539007547035')).toBe(false);
    expect(isValidRfReference('RF18539007547043')).toBe(false);
    expect(isValidRfReference('RF19539007547034')).toBe(false);
    expect(() => rfReference('A'.repeat(22))).toThrow(RangeError);
    expect(() => rfReference('AB-12')).toThrow(RangeError);
  });

  it('pads single-digit check values with a zero', () => {
    // Every payload must come back valid, whatever its check value.
    for (let i = 0; i < 200; i++) {
      const ref = rfReference(`X${i}`);
      expect(ref).toMatch(/^RF[0-9]{2}X/);
      expect(isValidRfReference(ref)).toBe(true);
    }
  });
});

describe('Swiss QR references', () => {
  it('computes the check digit of the Swiss Payment Standards example', () => {
    expect(qrReference('21000000000313947143000901')).toBe('210000000003139471430009017');
    expect(isValidQrReference('21 00000 00003 13947 14300 09017')).toBe(true);
  });

  it('rejects a wrong check digit, a wrong length and all zeros', () => {
    expect(isValidQrReference('210000000003139471430009018')).toBe(false);
    expect(isValidQrReference('21000000000313947143000901')).toBe(false);
    expect(isValidQrReference('0'.repeat(27))).toBe(false);
    expect(() => qrReference('1'.repeat(27))).toThrow(RangeError);
  });

  it('pads short numbers to 26 digits', () => {
    expect(qrReference('10001')).toMatch(/^0{21}10001[0-9]$/);
  });
});

describe('wallet references', () => {
  it('derives both references from the customer number and reads them back', () => {
    const refs = walletReferences('HEIMBAU-10001');
    expect(refs.rf).toMatch(/^RF[0-9]{2}HEIMBAU10001$/);
    expect(isValidRfReference(refs.rf)).toBe(true);
    expect(refs.qr).toBe(qrReference('10001'));
    expect(customerNumberFromReference(refs.rf, 'heimbau')).toBe('HEIMBAU-10001');
    expect(customerNumberFromReference(refs.qr, 'heimbau')).toBe('HEIMBAU-10001');
  });

  it('accepts references as a payer types them: spaced and in any case', () => {
    const refs = walletReferences('REGIELAC-10042');
    expect(customerNumberFromReference(formatReference(refs.rf).toLowerCase(), 'regielac')).toBe('REGIELAC-10042');
    expect(customerNumberFromReference(formatReference(refs.qr), 'regielac')).toBe('REGIELAC-10042');
  });

  it('returns null for broken check digits or another tenant\'s RF reference', () => {
    const refs = walletReferences('HEIMBAU-10001');
    expect(customerNumberFromReference(refs.rf.replace('10001', '10002'), 'heimbau')).toBeNull();
    expect(customerNumberFromReference(refs.qr.slice(0, 26) + ((Number(refs.qr[26]) + 1) % 10), 'heimbau')).toBeNull();
    expect(customerNumberFromReference(refs.rf, 'regielac')).toBeNull();
    expect(customerNumberFromReference('RF18539007547034', 'heimbau')).toBeNull();
    expect(customerNumberFromReference('', 'heimbau')).toBeNull();
  });

  it('prints references in the usual groups', () => {
    expect(formatReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatReference('210000000003139471430009017')).toBe('21 00000 00003 13947 14300 09017');
  });
});

describe('fee references', () => {
  it('reads a fee\'s references back as the fee number, in either form and as typed', () => {
    const refs = feeReferences('heimbau', 42);
    expect(refs.rf).toMatch(/^RF[0-9]{2}HEIMBAUF42$/);
    expect(isValidRfReference(refs.rf)).toBe(true);
    expect(isValidQrReference(refs.qr)).toBe(true);
    expect(refs.qr).toMatch(/^90{23}42[0-9]$/);
    expect(feeNumberFromReference(refs.rf, 'heimbau')).toBe(42);
    expect(feeNumberFromReference(formatReference(refs.qr), 'heimbau')).toBe(42);
    expect(feeNumberFromReference(formatReference(refs.rf).toLowerCase(), 'heimbau')).toBe(42);
  });

  it('never confuses a fee reference with a wallet reference', () => {
    for (const n of [1, 10001, 999_999_999_999]) {
      const fee = feeReferences('heimbau', n);
      expect(customerNumberFromReference(fee.rf, 'heimbau')).toBeNull();
      expect(customerNumberFromReference(fee.qr, 'heimbau')).toBeNull();
    }
    const wallet = walletReferences('HEIMBAU-10001');
    expect(feeNumberFromReference(wallet.rf, 'heimbau')).toBeNull();
    expect(feeNumberFromReference(wallet.qr, 'heimbau')).toBeNull();
  });

  it('returns null for broken check digits and another tenant\'s fee', () => {
    const refs = feeReferences('heimbau', 7);
    expect(feeNumberFromReference(refs.rf.replace('F7', 'F8'), 'heimbau')).toBeNull();
    expect(feeNumberFromReference(refs.qr.slice(0, 26) + ((Number(refs.qr[26]) + 1) % 10), 'heimbau')).toBeNull();
    expect(feeNumberFromReference(refs.rf, 'regielac')).toBeNull();
    expect(() => feeReferences('heimbau', 0)).toThrow(RangeError);
  });
});
