import { AppError } from '../../errors.ts';

export const invalidCredentials = () => new AppError('auth.invalid_credentials', 401, 'E-mail or password is wrong');
export const accountLocked = (retryAfterSeconds: number) =>
  new AppError('auth.locked', 429, `Too many failed attempts. Try again in ${retryAfterSeconds} seconds`, [{ field: 'retry_after', message: String(retryAfterSeconds) }]);
export const csrfMismatch = () => new AppError('auth.csrf', 403, 'Missing or wrong CSRF token');
export const secondFactorRequired = () => new AppError('auth.second_factor_required', 401, 'Enter the code from your authenticator app first');
export const noSuchTenant = () => new AppError('auth.no_membership', 403, 'You have no access to this property manager');
