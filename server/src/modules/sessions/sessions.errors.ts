import { AppError } from '../../errors.ts';
import type { RefusalCode } from '../../gateway/ocpp/vendor.ts';

export const sessionNotFound = () => new AppError('sessions.not_found', 404, 'Session not found');
export const applianceNotFound = () => new AppError('sessions.appliance_not_found', 404, 'Appliance not found');
export const noCredential = () => new AppError('sessions.no_credential', 409, 'You have no active badge or phone to start with');
export const deviceOffline = () => new AppError('sessions.device_offline', 409, 'The terminal is offline');
export const deviceRefused = () => new AppError('sessions.device_refused', 409, 'The terminal refused to start');
export const quantityRequired = () => new AppError('sessions.quantity_required', 422, 'Choose the most you want to use', [{ field: 'quantity', message: 'Choose the most you want to use' }]);
export const notRunning = () => new AppError('sessions.not_running', 409, 'This session is not running');

const REFUSALS: Record<RefusalCode, string> = {
  authorization_error: 'Your badge may not start sessions', balance_too_low: 'Your balance is too low for this choice',
  busy: 'The appliance is busy', not_found: 'Not found', appliance_fault: 'The appliance is out of order',
  badge_not_supported: 'This badge is not supported here', not_allowed: 'This appliance cannot be started now',
};

/** A refusal at the start, as the portal shows it: the same reasons the terminal shows. */
export const startRefused = (reason: RefusalCode) => new AppError(`sessions.${reason}`, 409, REFUSALS[reason]);
