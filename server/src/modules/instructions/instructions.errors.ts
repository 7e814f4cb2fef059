import { AppError } from '../../errors.ts';

export const unitNotPrintable = () => new AppError('instructions.unit_not_printable', 409,
  'Instructions are printed for laundry rooms and garages only', [{ field: 'unitId', message: 'not a laundry room or garage' }]);
