import { AppError } from '../../errors.ts';
import { MIN_PASSWORD_LENGTH } from './auth.passwords.ts';

export const wrongSecondFactor = () =>
  new AppError('auth.second_factor_invalid', 401, 'The code is wrong or was already used', [{ field: 'code', message: 'wrong or used code' }]);
export const noSecondFactorPending = () => new AppError('auth.second_factor_not_pending', 409, 'This session needs no second factor');
export const twoFactorAlreadyOn = () => new AppError('auth.two_factor_enabled', 409, 'Two-factor login is already on; turn it off first');
export const twoFactorNotSetUp = () => new AppError('auth.two_factor_not_set_up', 409, 'Start the two-factor setup first');
export const twoFactorNotOn = () => new AppError('auth.two_factor_disabled', 409, 'Two-factor login is not on');
export const wrongCode = () => new AppError('auth.code_invalid', 400, 'The code is wrong', [{ field: 'code', message: 'wrong code' }]);
export const wrongPassword = (field: string) => new AppError('auth.wrong_password', 400, 'The password is wrong', [{ field, message: 'wrong password' }]);
export const weakPassword = (field: string) =>
  new AppError('auth.password_too_short', 400, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters`, [{ field, message: `at least ${MIN_PASSWORD_LENGTH} characters` }]);
export const invalidToken = () => new AppError('auth.token_invalid', 400, 'The link is invalid, expired or was already used', [{ field: 'token', message: 'invalid or expired' }]);
export const emailTaken = (field: string) => new AppError('auth.email_taken', 409, 'Another account uses this e-mail address', [{ field, message: 'already used' }]);
export const sameEmail = () => new AppError('auth.email_unchanged', 400, 'This is already your e-mail address', [{ field: 'newEmail', message: 'unchanged' }]);
