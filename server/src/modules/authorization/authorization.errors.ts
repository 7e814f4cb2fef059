import { AppError, conflict } from '../../errors.ts';

export const residentsOnly = () => new AppError('credentials.claim_residents_only', 403, 'Only a resident with an account can claim a badge');
export const unknownLabel = () => new AppError('credentials.claim_unknown_label', 404,
  'No badge with this label is registered with your property manager; check the label printed on the card (e.g. ID*heimbau*1234)');
export const notClaimable = () => conflict('credentials.claim_not_claimable',
  'This badge already belongs to an account; if it is yours, ask your property manager', 'label');
