import { AppError } from '../../errors.ts';

export const balanceRemaining = (balanceMinor: number) => new AppError('privacy.balance_remaining', 409,
  `Your wallet still holds ${(balanceMinor / 100).toFixed(2)}: ask for a refund first (Wallet → Refund), then delete your account`);
export const openInvoices = (count: number) => new AppError('privacy.open_invoices', 409, `${count} invoice(s) are still unpaid: pay them first`);
export const invalidDeletionToken = () => new AppError('privacy.invalid_token', 400, 'This link is invalid, used or expired', [{ field: 'token', message: 'invalid' }]);
export const tokenLoginOnly = () => new AppError('privacy.session_only', 403, 'Only you, logged in yourself, can do this');
