import { AppError } from '../../errors.ts';

export const occupancyNotFound = () => new AppError('occupancies.not_found', 404, 'Occupancy not found');
export const occupancyOverlap = () => new AppError('occupancies.overlap', 409, 'This person already occupies this unit in that period', [{ field: 'startsOn', message: 'overlaps another occupancy' }]);
export const occupancyEndsBeforeStart = () => new AppError('occupancies.ends_before_start', 400, 'The end date must not be before the start date', [{ field: 'endsOn', message: 'before startsOn' }]);
