import { AppError } from '../../errors.ts';

export const staffNotFound = () => new AppError('staff.not_found', 404, 'Staff member not found');
export const lastAdmin = () => new AppError('staff.last_admin', 409, 'A property manager needs at least one admin; appoint another admin first');
export const notTechnician = () => new AppError('staff.not_technician', 409, 'Only technicians are assigned to sites', [{ field: 'userId', message: 'not a technician' }]);
