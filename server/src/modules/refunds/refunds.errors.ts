import { AppError, conflict, invalid } from '../../errors.ts';

export const invalidIban = () => invalid('refunds.invalid_iban', 'iban', 'Not a valid IBAN');
export const ibanCountryNotServed = (countries: string) =>
  invalid('refunds.invalid_iban', 'iban', `Refunds in this currency go to an IBAN of ${countries}`);
export const invalidHolder = () => invalid('refunds.invalid_account_holder', 'accountHolder', 'Give the name of the account holder');
export const amountTooHigh = () => invalid('refunds.amount_too_high', 'amountMinor', 'More than the available balance');
export const balanceTooLow = () => conflict('refunds.balance_too_low', 'The balance does not exceed the processing fee');
export const openRequest = () => conflict('refunds.open_request', 'A refund request is already waiting for a decision');
export const requestIdReused = () => conflict('refunds.request_id_reused', 'This request id was already used for another request', 'requestId');
export const notAResident = () => new AppError('refunds.no_wallet', 403, 'Your login is not linked to a customer, so you have no wallet');
export const refundNotFound = () => new AppError('refunds.not_found', 404, 'Refund request not found');
export const alreadyDecided = () => conflict('refunds.already_decided', 'This refund request was already decided');
export const holdExpired = () => conflict('refunds.hold_expired', 'The reservation of this refund has expired, so the request has expired; the resident may request again');
export const noBankAccount = () => conflict('refunds.no_bank_account', 'Set up the bank account to pay refunds from first');
export const nothingToPay = () => conflict('refunds.nothing_to_pay', 'There are no approved refunds waiting for payout');
export const unsupportedCurrency = () => conflict('refunds.unsupported_currency', 'Payout files exist for EUR (SEPA) and CHF (Swiss Payment Standards) only');
export const batchNotFound = () => new AppError('refunds.batch_not_found', 404, 'Payout batch not found');
