import { AppError } from '../../errors.ts';

export const tenantNotFound = () => new AppError('tenants.not_found', 404, 'Property manager not found');
export const shortCodeTaken = () => new AppError('tenants.short_code_taken', 409, 'This short code is already used', [{ field: 'shortCode', message: 'already used' }]);
