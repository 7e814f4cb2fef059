import { AppError, invalid } from '../../errors.ts';

export const invalidPeriod = () => invalid('invoices.invalid_period', 'period', 'A billing period is a month, written YYYY-MM (e.g. 2026-10)');
export const invoiceNotFound = () => new AppError('invoices.not_found', 404, 'Invoice not found');
