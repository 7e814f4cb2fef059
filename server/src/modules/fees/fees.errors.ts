import { AppError, conflict, invalid } from '../../errors.ts';

export const feeNotFound = () => new AppError('fees.not_found', 404, 'Fee not found');
export const notOpen = () => conflict('fees.not_open', 'This fee was already paid or cancelled');
export const insufficientFunds = () => conflict('fees.insufficient_funds', 'The balance is too low to pay this fee; top up first or pay by bank transfer');
export const invalidItems = (message: string) => invalid('fees.invalid_items', 'items', message);
export const feeIdReused = () => conflict('fees.id_reused', 'This fee id was already used for another fee', 'id');
export const subjectHasFee = () => conflict('fees.subject_has_fee', 'There is already an open or paid fee for this');
export const noPerson = () => new AppError('fees.no_person', 403, 'Your login is not linked to a customer, so you have no fees');
export const invalidReason = () => invalid('fees.invalid_reason', 'reason', 'Give a reason');
