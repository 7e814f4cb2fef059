import { AppError, conflict, invalid } from '../../errors.ts';

export const invalidPeriod = () => invalid('settlements.invalid_period', 'period', 'A settlement period is a year (2026), a quarter (2026-Q3) or a month (2026-10)');
export const wrongPeriodKind = (kind: string) => invalid('settlements.wrong_period', 'period', `This property manager is settled ${kind}; give a period of that kind`);
export const periodNotOver = () => conflict('settlements.period_not_over', 'The period has not ended yet', 'period');
export const periodCovered = () => conflict('settlements.period_covered', 'A later settlement already covers this period', 'period');
export const noContract = () => conflict('settlements.no_contract', 'This property manager has no settlement contract yet');
export const noPayoutAccount = () => conflict('settlements.no_payout_account', 'The contract has no bank account to pay out to');
export const noPlatformAccount = () => conflict('settlements.no_platform_account', 'The platform has no bank account in this currency to pay from (PLATFORM_IBAN_<currency>)');
export const settlementNotFound = () => new AppError('settlements.not_found', 404, 'Settlement not found');
export const noPayoutFile = () => new AppError('settlements.no_payout_file', 404, 'This settlement has no payout file: nothing was paid, or there is no pain.001 for its currency');
export const siteNotFound = () => new AppError('sites.not_found', 404, 'Site not found');
export const accountIncomplete = () => invalid('settlements.account_incomplete', 'accountHolder', 'Give the account holder and the IBAN together, or neither');
