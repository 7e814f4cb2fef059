import { AppError } from '../../errors.ts';

export const partyNotFound = () => new AppError('parties.not_found', 404, 'Party not found');
