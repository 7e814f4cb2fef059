import { AppError } from '../../errors.ts';

export const personNotFound = () => new AppError('people.not_found', 404, 'Person not found');
