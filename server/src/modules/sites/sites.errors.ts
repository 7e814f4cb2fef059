import { AppError } from '../../errors.ts';

export const siteNotFound = () => new AppError('sites.not_found', 404, 'Site not found');
export const siteHasUnits = () => new AppError('sites.has_units', 409, 'Remove the units of this site first');
