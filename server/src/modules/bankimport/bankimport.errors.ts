import { AppError } from '../../errors.ts';

export const malformed = (problem: string) =>
  new AppError('bankimport.malformed', 400, `The bank file was refused: ${problem}`, [{ field: 'file', message: problem }]);
export const entryNotFound = () => new AppError('bankimport.entry_not_found', 404, 'Bank entry not found');
export const notInReview = () => new AppError('bankimport.not_in_review', 409, 'This entry was already assigned or returned');
export const currencyMismatch = () =>
  new AppError('bankimport.currency_mismatch', 409, 'This entry is in another currency than the wallets; return it to the payer');
export const personNotFound = () => new AppError('bankimport.person_not_found', 404, 'Person not found', [{ field: 'personId', message: 'not found' }]);
export const tenantNotFound = (shortCode: string) => new AppError('bankimport.tenant_not_found', 404, `No property manager with the short code ${shortCode}`);
