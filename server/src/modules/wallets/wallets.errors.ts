import { AppError } from '../../errors.ts';

export const noWalletOwner = () => new AppError('wallets.no_person', 403, 'Your login is not linked to a resident of this property manager');
export const receiverNotFound = () => new AppError('wallets.receiver_not_found', 404, 'No resident with this customer number', [{ field: 'to', message: 'not found' }]);
export const selfTransfer = () => new AppError('wallets.self_transfer', 400, 'You cannot transfer to yourself', [{ field: 'to', message: 'yourself' }]);
export const requestNotFound = () => new AppError('wallets.transfer_not_found', 404, 'Transfer request not found');
export const requestDecided = () => new AppError('wallets.transfer_decided', 409, 'This transfer was already accepted, declined or cancelled');
export const invalidAmount = () => new AppError('wallets.invalid_amount', 400, 'The amount must be a positive number', [{ field: 'amountMinor', message: 'positive' }]);
