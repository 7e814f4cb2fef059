// SEPA Credit Transfer, pain.001.001.09 (EPC rulebook since November 2023), via the `sepa` package.
import { Document } from 'sepa';
import type { PayoutFile } from './pain001.ts';

/**
 * The EPC's basic Latin character set: names and texts outside it are refused by some banks, so
 * umlauts are spelled out and other accents dropped (Müller → Mueller, Favre-Léger → Favre-Leger).
 */
export function epcText(text: string, maxLength: number): string {
  const spelled = text.replace(/[ÄÖÜäöüß]/g, (c) => ({ Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' })[c]!);
  const plain = spelled.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ');
  return plain.replace(/\s+/g, ' ').trim().slice(0, maxLength);
}

export function sepaCreditTransfer(file: PayoutFile): string {
  const doc = new Document('pain.001.001.09');
  doc.grpHdr.id = file.messageId;
  doc.grpHdr.created = file.createdAt;
  doc.grpHdr.initiatorName = epcText(file.initiatorName, 70);

  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = file.executionDate;
  info.debtorName = epcText(file.debtor.name, 70);
  info.debtorIBAN = file.debtor.iban;
  info.debtorBIC = file.debtor.bic ?? '';
  info.batchBooking = true;
  doc.addPaymentInfo(info);

  for (const payment of file.payments) {
    const tx = info.createTransaction();
    tx.creditorName = epcText(payment.creditorName, 70);
    tx.creditorIBAN = payment.creditorIban;
    // The package takes amounts as numbers; minor/100 has an exact two-decimal rendering.
    tx.amount = payment.amountMinor / 100;
    tx.currency = 'EUR';
    tx.remittanceInfo = epcText(payment.remittance, 140);
    tx.end2endId = payment.endToEndId;
    info.addTransaction(tx);
  }
  return doc.toString();
}
