import { AppError, conflict, invalid } from '../../errors.ts';

export const invalidPeriod = () => invalid('invoices.invalid_period', 'period', 'A billing period is a month, written YYYY-MM (e.g. 2026-10)');
export const invoiceNotFound = () => new AppError('invoices.not_found', 404, 'Invoice not found');
export const insufficientBalance = () => conflict('invoices.insufficient_funds', 'The balance is too low to pay this invoice; top up first or pay by bank transfer');
export const notOpen = () => conflict('invoices.not_open', 'This invoice has nothing left to pay');
export const alreadyCredited = () => conflict('invoices.already_credited', 'This invoice was already corrected by a credit note');
