// What a terminal's display says, after the messages of the laundry terminals residents know
// (seed 003, letters a–i). The simulator logs these lines, so a demo reads like the real thing.
import type { RefusalCode } from '../gateway/ocpp/vendor.ts';
import type { AuthorizationStatus } from './local-list.ts';

export const DISPLAY = {
  authorization_error: 'a. Authorisation error',
  balance_too_low: 'b. Balance too low',
  busy: 'c. Busy',
  not_found: 'd. Not found',
  appliance_fault: 'e. Operation disturbed',
  badge_not_supported: 'h. Badge not supported',
  offline: 'i. Terminal offline',
  // Not one of the terminal's lettered messages: the request needs an online, accepted terminal.
  not_allowed: 'Not possible now',
} as const satisfies Record<RefusalCode | 'offline', string>;

/** The message for a refusal code, or for an answer the terminal does not understand. */
export function displayFor(reason: string): string {
  return (DISPLAY as Record<string, string>)[reason] ?? DISPLAY.authorization_error;
}

/** The message for an Authorize answer that is not Accepted. */
export function displayForStatus(status: Exclude<AuthorizationStatus, 'Accepted'>): string {
  switch (status) {
    case 'Invalid': return DISPLAY.not_found;
    case 'ConcurrentTx': return DISPLAY.busy;
    default: return DISPLAY.authorization_error;
  }
}

export function formatMoney(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}
