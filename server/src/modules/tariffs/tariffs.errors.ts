import { AppError, conflict, invalid } from '../../errors.ts';

export const tariffNotFound = () => new AppError('tariffs.not_found', 404, 'Tariff not found');
export const meteringNotAllowed = () => invalid('tariffs.metering_not_allowed', 'metering', 'A charging point is priced by energy or by time');
export const invalidPeriod = () => invalid('tariffs.invalid_period', 'validTo', 'The end must come after the start');
export const startsInPast = () => invalid('tariffs.starts_in_past', 'validFrom', 'A tariff cannot start in the past; prices already shown stay as they were');
export const vatRateRequired = () => invalid('tariffs.vat_rate_required', 'vatRateBp', 'Give the VAT rate: there is no default for this site\'s country');
export const overlap = (from: Date, to: Date | null) => conflict('tariffs.overlap',
  `Another tariff of this kind is valid from ${from.toISOString()}${to ? ` to ${to.toISOString()}` : ''}`, 'validFrom');
export const alreadyStarted = () => conflict('tariffs.already_started', 'A tariff that has started cannot be deleted; add a new one from the date the price changes');
export const noPerson = () => new AppError('tariffs.no_person', 403, 'Your login is not linked to a resident, so there are no prices to show');
