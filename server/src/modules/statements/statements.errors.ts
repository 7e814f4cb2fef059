import { AppError, conflict, invalid } from '../../errors.ts';

export const invalidMonth = () => invalid('statements.invalid_period', 'period', 'A statement period is a month, written YYYY-MM (e.g. 2026-10)');
export const platformBilling = () => conflict('statements.platform_billing', 'The platform invoices this manager\'s residents: see the invoices instead');
export const personNotFound = () => new AppError('people.not_found', 404, 'Person not found');
