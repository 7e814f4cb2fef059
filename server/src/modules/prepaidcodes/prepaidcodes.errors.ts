import { AppError, conflict, invalid } from '../../errors.ts';
import type { PrepaidProduct } from '../../db/schema.ts';

const PRODUCT_NAMES: Record<PrepaidProduct, string> = {
  management_5y: '5-year management of a lock',
  organisation_option: 'the organisation option of a lock',
  key_pack: 'a key pack for a lock',
  organisation_management: 'organisation management for your account',
};
export const productName = (product: PrepaidProduct) => PRODUCT_NAMES[product];

export const prepaidCodeErrors = {
  malformed: () => invalid('prepaid_codes.malformed', 'code', 'A code has 16 letters and digits, written XXXX-XXXX-XXXX-XXXX'),
  checkFailed: () => invalid('prepaid_codes.check_failed', 'code', 'A character is mistyped: compare the code with the card once more'),
  unknown: () => invalid('prepaid_codes.unknown', 'code', 'No such code was issued'),
  used: () => conflict('prepaid_codes.used', 'This code has been redeemed already', 'code'),
  lockRequired: (product: PrepaidProduct) => invalid('prepaid_codes.lock_required', 'lockId', `This code is for ${productName(product)}: choose the lock`),
  wrongProduct: (product: PrepaidProduct, wanted: 'lock' | 'account') => conflict('prepaid_codes.wrong_product',
    `This code is for ${productName(product)}, not for ${wanted === 'lock' ? 'a lock' : 'an account'}`, 'code'),
  partyRequired: () => invalid('prepaid_codes.party_required', 'partyId', 'Choose the organisation or lock owner whose account the code upgrades'),
  alreadyUpgraded: () => conflict('prepaid_codes.already_upgraded', 'This account has organisation management already; the code stays unused', 'code'),
  rateLimited: (retryAfterSeconds: number) => new AppError('prepaid_codes.rate_limited', 429,
    `Too many wrong codes. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`, [{ field: 'retry_after', message: String(retryAfterSeconds) }]),
  batchNotFound: () => new AppError('prepaid_codes.batch_not_found', 404, 'Batch not found'),
  keysRequired: () => invalid('prepaid_codes.keys_required', 'keysPerCode', 'A key pack needs the number of keys each code adds (1 to 2,500)'),
  keysNotAllowed: () => invalid('prepaid_codes.keys_not_allowed', 'keysPerCode', 'Only key packs add keys: leave keysPerCode out'),
};
