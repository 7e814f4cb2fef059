import { AppError } from '../../errors.ts';

export const optionMissing = () => new AppError('pseudonymised_access.not_in_contract', 409, 'The settlement contract does not include pseudonymised usage data');
export const limitReached = () => new AppError('pseudonymised_access.limit_reached', 409, 'Three staff accounts have pseudonymised usage data already; withdraw one first');
export const notOfficeStaff = () => new AppError('pseudonymised_access.not_office_staff', 409, 'Only admins and office staff read usage data');
