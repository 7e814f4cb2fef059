import { AppError } from '../../errors.ts';

export const paymentsUnavailable = () => new AppError('payments.unavailable', 409, 'Card top-ups are not available here');
export const badSignature = () => new AppError('payments.bad_signature', 400, 'The webhook signature does not match');
export const cardPaymentNotFound = () => new AppError('payments.not_found', 404, 'Card payment not found');
export const notAResident = () => new AppError('payments.resident_only', 403, 'Only residents top up their own wallet');
export const paymentIdReused = () =>
  new AppError('payments.id_reused', 409, 'This payment id was already used for another top-up', [{ field: 'paymentId', message: 'already used' }]);
export const paymentExpired = () => new AppError('payments.expired', 409, 'This top-up can no longer be resumed; start a new one');
export const amountOutOfRange = (min: string, max: string) =>
  new AppError('payments.amount_out_of_range', 400, `Top up between ${min} and ${max}`, [{ field: 'amountMinor', message: `between ${min} and ${max}` }]);
export const personNotFound = () => new AppError('payments.person_not_found', 404, 'Person not found');
