// Payment references: ISO 11649 creditor references (RF…) and Swiss QR references (27 digits).
// Each wallet has two permanent references derived from the person's customer number, so a bank
// transfer can be matched to the wallet it tops up without any lookup table. Pure functions only.

const RF_PAYLOAD = /^[A-Z0-9]{1,21}$/;
const QR_DIGITS = /^[0-9]{1,26}$/;
const CUSTOMER_NUMBER = /^([A-Za-z0-9]{2,16})-([0-9]{1,12})$/;

/** Removes spaces and upper-cases, as references are often typed or printed in groups. */
export function compactReference(reference: string): string {
  return reference.replace(/\s+/g, '').toUpperCase();
}

/** ISO 7064 MOD 97-10 over an alphanumeric string (A = 10 … Z = 35), computed piecewise. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = parseInt(char, 36);
    const digits = value >= 10 ? String(value) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** ISO 11649 creditor reference: `RF` + two check digits + payload (1–21 alphanumerics). */
export function rfReference(payload: string): string {
  const clean = compactReference(payload);
  if (!RF_PAYLOAD.test(clean)) throw new RangeError('RF payload must be 1 to 21 letters or digits');
  const check = 98 - mod97(`${clean}RF00`);
  return `RF${String(check).padStart(2, '0')}${clean}`;
}

export function isValidRfReference(reference: string): boolean {
  const clean = compactReference(reference);
  if (!/^RF[0-9]{2}[A-Z0-9]{1,21}$/.test(clean)) return false;
  return mod97(clean.slice(4) + clean.slice(0, 4)) === 1;
}

const MOD10_TABLE = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/** The recursive modulo-10 check digit used by Swiss QR (formerly ESR) references. */
function mod10Recursive(digits: string): number {
  let carry = 0;
  for (const digit of digits) carry = MOD10_TABLE[(carry + Number(digit)) % 10]!;
  return (10 - carry) % 10;
}

/** Swiss QR reference: the digits zero-padded to 26 plus one check digit (27 digits). */
export function qrReference(digits: string): string {
  const clean = digits.replace(/\s+/g, '');
  if (!QR_DIGITS.test(clean)) throw new RangeError('QR reference must be 1 to 26 digits');
  const padded = clean.padStart(26, '0');
  return `${padded}${mod10Recursive(padded)}`;
}

export function isValidQrReference(reference: string): boolean {
  const clean = reference.replace(/\s+/g, '');
  if (!/^[0-9]{27}$/.test(clean)) return false;
  // An all-zero reference passes the arithmetic but identifies nothing; banks reject it too.
  if (/^0+$/.test(clean)) return false;
  return mod10Recursive(clean.slice(0, 26)) === Number(clean[26]);
}

/** The permanent references of a wallet, from its owner's customer number (`HEIMBAU-10001`). */
export function walletReferences(customerNumber: string): { rf: string; qr: string } {
  const match = CUSTOMER_NUMBER.exec(customerNumber.trim());
  if (!match) throw new RangeError(`not a customer number: ${customerNumber}`);
  const [, shortCode, number] = match;
  return { rf: rfReference(`${shortCode}${number}`), qr: qrReference(number!) };
}

/**
 * The customer number a reference encodes, for a payment received by this tenant; null when the
 * check digits fail or an RF reference names another tenant. A QR reference carries only the
 * number: it is only ever paid to the tenant's own QR-IBAN, which identifies the tenant.
 */
export function customerNumberFromReference(reference: string, tenantShortCode: string): string | null {
  const clean = compactReference(reference);
  const shortCode = tenantShortCode.toUpperCase();
  if (clean.startsWith('RF')) {
    if (!isValidRfReference(clean)) return null;
    const payload = clean.slice(4);
    if (!payload.startsWith(shortCode)) return null;
    const number = payload.slice(shortCode.length);
    return /^[1-9][0-9]{0,11}$/.test(number) ? `${shortCode}-${number}` : null;
  }
  if (!isValidQrReference(clean)) return null;
  const number = clean.slice(0, 26).replace(/^0+/, '');
  return number.length >= 1 && number.length <= 12 ? `${shortCode}-${number}` : null;
}

// Fee references (one per fee, from the tenant's fee counter) must never read as a wallet's, so
// the bank import can tell "pay this fee" from "top up this wallet": the RF payload carries an `F`
// after the short code (a wallet's has digits only), and the QR digits start with a 9 (a wallet's
// customer number has at most 12 digits, so its QR reference starts with 14 zeros).
const FEE_QR_MARKER = '9';

/** The references of fee number `feeNumber`: RF for euros and IBANs, QR for a Swiss QR-IBAN. */
export function feeReferences(tenantShortCode: string, feeNumber: number): { rf: string; qr: string } {
  if (!Number.isSafeInteger(feeNumber) || feeNumber < 1 || feeNumber > 999_999_999_999) throw new RangeError(`not a fee number: ${feeNumber}`);
  return {
    rf: rfReference(`${tenantShortCode.toUpperCase()}F${feeNumber}`),
    qr: qrReference(`${FEE_QR_MARKER}${String(feeNumber).padStart(25, '0')}`),
  };
}

/** The fee number a reference encodes for this tenant; null for wallet references, broken check digits or another tenant's RF. */
export function feeNumberFromReference(reference: string, tenantShortCode: string): number | null {
  const clean = compactReference(reference);
  let number: string;
  if (clean.startsWith('RF')) {
    if (!isValidRfReference(clean)) return null;
    const prefix = `${tenantShortCode.toUpperCase()}F`;
    const payload = clean.slice(4);
    if (!payload.startsWith(prefix)) return null;
    number = payload.slice(prefix.length);
  } else {
    if (!isValidQrReference(clean) || clean[0] !== FEE_QR_MARKER) return null;
    number = clean.slice(1, 26).replace(/^0+/, '');
  }
  return /^[1-9][0-9]{0,11}$/.test(number) ? Number(number) : null;
}

/** Print form: RF references in groups of four; QR references as 2 + 5×5 digits. */
export function formatReference(reference: string): string {
  const clean = compactReference(reference);
  if (/^[0-9]{27}$/.test(clean)) return `${clean.slice(0, 2)} ${clean.slice(2).replace(/(.{5})(?=.)/g, '$1 ')}`;
  return clean.replace(/(.{4})(?=.)/g, '$1 ');
}

// Invoice references. The bank import finds an invoice by its reference as stored (unique per
// tenant), so nothing needs to parse them; they must only never read as a wallet's or a fee's:
// the RF payload has an `I` after (at most 8 letters of) the short code, then the year and the
// sequence; the QR digits start with an 8 (wallets' start with zeros, fees' with a 9).
const INVOICE_QR_MARKER = '8';

/** The references of invoice `sequence` of `year`: RF for euros and IBANs, QR for a Swiss QR-IBAN. */
export function invoiceReferences(tenantShortCode: string, year: number, sequence: number): { rf: string; qr: string } {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`not an invoice year: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > 99_999_999) throw new RangeError(`not an invoice sequence: ${sequence}`);
  return {
    rf: rfReference(`${tenantShortCode.toUpperCase().slice(0, 8)}I${year}${sequence}`),
    qr: qrReference(`${INVOICE_QR_MARKER}${year}${String(sequence).padStart(21, '0')}`),
  };
}
