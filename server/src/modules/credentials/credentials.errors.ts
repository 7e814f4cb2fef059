import { AppError, conflict, invalid } from '../../errors.ts';

export const badUid = (field = 'uid') =>
  invalid('credentials.bad_uid', field, 'A badge UID is 4, 7 or 10 bytes in hexadecimal (8, 14 or 20 digits), e.g. 04A224B2C35E80');
export const unsupportedTechnology = (technology: string, field = 'technology') => invalid('credentials.unsupported_technology', field,
  technology === 'desfire'
    ? 'MIFARE DESFire badges are not supported: the terminals read MIFARE Classic (ISO/IEC 14443 A) only, and DESFire keeps its identity behind keys they do not hold'
    : technology === 't_cl'
      ? 'T=CL (ISO/IEC 14443-4) cards are not supported: the terminals read MIFARE Classic (ISO/IEC 14443 A) only'
      : 'Only MIFARE Classic (ISO/IEC 14443 A) badges are supported');
export const duplicateTag = (field = 'uid') => conflict('credentials.duplicate_uid', 'This UID is already registered with this property manager', field);
export const duplicateLabel = (field = 'label') => conflict('credentials.duplicate_label', 'This label is already printed on another badge', field);
export const credentialNotFound = () => new AppError('credentials.not_found', 404, 'Badge or credential not found');
export const illegalTransition = (from: string, to: string) =>
  conflict('credentials.illegal_transition', `A credential that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`);
export const ownBadgesOnly = () => conflict('credentials.platform_badges_only',
  'Where Concierge bills and collects, only badges issued by the platform work; building badges can be registered where the owner makes its own statements');

// The portal's own refusals (BADGES): orders, stock, phone credentials, PINs and badge requests.
export const noPerson = () => new AppError('credentials.no_person', 403, 'Your login is not linked to a customer, so you have no badges');
export const notOrdered = () => conflict('credentials.not_ordered', 'Only an ordered badge can be issued from stock; this one was issued already');
export const stockBadgeNotFound = (field: string) => new AppError('credentials.stock_not_found', 404, 'No badge with this label or UID is in stock', [{ field, message: 'Not in stock' }]);
export const stockEmpty = () => conflict('credentials.stock_empty', 'No badge is left in stock; import badges first');
export const wrongType = (expected: string) => conflict('credentials.wrong_type', `This action is only for ${expected}`);
export const pinTaken = () => conflict('credentials.pin_taken', 'This PIN cannot be used; choose another one', 'pin');
export const badPin = () => invalid('credentials.bad_pin', 'pin', 'A PIN has 4 to 8 digits');
export const tooManyPhones = (max: number) => conflict('credentials.too_many_phones', `At most ${max} phones can be registered at once; revoke one first`);
export const invalidReason = () => invalid('credentials.invalid_reason', 'reason', 'Give a reason');
export const invalidName = () => invalid('credentials.invalid_name', 'name', 'Give the phone a name');
export const requestNotFound = () => new AppError('badge_requests.not_found', 404, 'Badge request not found');
export const requestAlreadyDecided = () => conflict('badge_requests.already_decided', 'This badge request was already decided or withdrawn');
export const requestIdReused = () => conflict('badge_requests.id_reused', 'This request id was already used for another request', 'id');
export const chargerLocationRequired = () => invalid('badge_requests.charger_location_required', 'parkingSpace',
  'For a private charger, give the parking space number or the charger\'s serial number');
export const notFirstBadge = () => conflict('badge_requests.not_first', 'You already hold a badge: request an additional badge instead', 'kind');
export const noLostBadge = () => conflict('badge_requests.no_lost_badge', 'A replacement is for a badge reported lost; report it lost first or request an additional badge', 'kind');
export const badSerial = () => invalid('credentials.bad_serial', 'serial', 'A fob serial number has 4 to 20 letters and digits');
export const badgeInStock = () => conflict('credentials.in_stock', 'This badge is in the platform\'s stock: issue it from stock instead', 'uid');
