// The EPC QR code ("GiroCode", EPC069-12 version 002): a SEPA credit transfer a banking app
// fills in from a scan. Version 002 makes the BIC optional inside the EEA.

export interface EpcTransfer {
  bic: string | null;
  name: string;
  iban: string;
  /** Euro cents; omitted when the payer chooses the amount. */
  amountCents?: number;
  /** ISO 11649 creditor reference (structured remittance). */
  reference: string;
}

/** The payload lines, UTF-8 (character set 1), trailing empty fields left off as the standard allows. */
export function epcPayload(transfer: EpcTransfer): string {
  if (transfer.amountCents !== undefined && (!Number.isInteger(transfer.amountCents) || transfer.amountCents < 1 || transfer.amountCents > 99_999_999_999)) {
    throw new RangeError('EPC amount must be 0.01 to 999999999.99 EUR');
  }
  const lines = [
    'BCD', '002', '1', 'SCT',
    transfer.bic ?? '',
    transfer.name.slice(0, 70),
    transfer.iban.replace(/\s+/g, '').toUpperCase(),
    transfer.amountCents === undefined ? '' : `EUR${(transfer.amountCents / 100).toFixed(2)}`,
    '', // purpose code
    transfer.reference.replace(/\s+/g, '').toUpperCase(),
  ];
  return lines.join('\n');
}
