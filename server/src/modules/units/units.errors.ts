import { AppError } from '../../errors.ts';

export const unitNotFound = () => new AppError('units.not_found', 404, 'Unit not found');
export const unitLabelTaken = () => new AppError('units.label_taken', 409, 'This site already has a unit with this label', [{ field: 'label', message: 'already taken' }]);
export const unitHasOccupancies = () => new AppError('units.has_occupancies', 409, 'Remove the occupancies of this unit first');
