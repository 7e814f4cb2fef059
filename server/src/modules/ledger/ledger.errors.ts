import { AppError } from '../../errors.ts';

// The database function raises these codes as its message; they become AppErrors here.
const known: Record<string, [number, string]> = {
  'ledger.insufficient_funds': [409, 'The balance is too low'],
  'ledger.id_reused': [409, 'This transfer id was already used for a different transfer'],
  'ledger.currency_mismatch': [409, 'The accounts hold different currencies'],
  'ledger.account_not_found': [404, 'Account not found'],
  'ledger.invalid_amount': [400, 'The amount must be a positive whole number of minor units'],
  'ledger.hold_not_found': [404, 'Hold not found'],
  'ledger.hold_resolved': [409, 'This hold was already posted, voided or expired'],
  'ledger.hold_expired': [409, 'This hold has expired'],
  'ledger.hold_not_expired': [409, 'This hold has not expired yet'],
  'ledger.post_exceeds_hold': [409, 'Cannot post more than was held'],
};

export function ledgerError(code: string): AppError {
  const [status, message] = known[code] ?? [500, code];
  return new AppError(code, status, message);
}

/** Turns a `ledger.*` exception of the database into an AppError; passes anything else on. */
export function translateLedgerError(error: unknown): never {
  const message = (error as { message?: string })?.message ?? '';
  if ((error as { code?: string })?.code === 'P0001' && message in known) throw ledgerError(message);
  throw error;
}
