import { AppError, invalid } from '../../errors.ts';

export const noBankAccount = () =>
  new AppError('banking.no_bank_account', 409, 'The property manager has not set up a bank account for transfers yet');
export const invalidIban = () => invalid('banking.invalid_iban', 'iban', 'Not a valid IBAN');
export const ibanIsQrIban = () => invalid('banking.invalid_iban', 'iban', 'This is a QR-IBAN; enter it as qrIban and give the normal IBAN here');
export const invalidQrIban = () => invalid('banking.invalid_qr_iban', 'qrIban', 'Not a QR-IBAN (a Swiss or Liechtenstein IBAN with an institution id 30000–31999)');
export const invalidBic = () => invalid('banking.invalid_bic', 'bic', 'Not a valid BIC');
export const noPerson = () => new AppError('banking.no_person', 403, 'Your login is not linked to a customer, so you have no wallet');
