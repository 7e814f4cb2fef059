import { AppError, invalid } from '../../errors.ts';

export const invitationNotFound = () => new AppError('invitations.not_found', 404, 'Invitation not found');
export const invitationInvalid = () =>
  new AppError('invitations.token_invalid', 404, 'This invitation is invalid, expired, revoked or was already accepted', [{ field: 'token', message: 'invalid or expired' }]);
export const invitationNotPending = () => new AppError('invitations.not_pending', 409, 'Only a pending invitation can be revoked');
export const alreadyMember = () => new AppError('invitations.already_member', 409, 'This address already has access to this property manager', [{ field: 'email', message: 'already a member' }]);
export const personRequired = () => invalid('invitations.person_required', 'personId', 'Choose the person a resident invitation is for');
export const personNotAllowed = () => invalid('invitations.person_not_allowed', 'personId', 'Only resident invitations name a person');
export const partyRequired = () => invalid('invitations.party_required', 'partyId', 'Choose the lock owner or organisation a lock owner invitation is for');
export const partyNotAllowed = () => invalid('invitations.party_not_allowed', 'partyId', 'Only lock owner invitations name a lock owner or organisation');
export const displayNameRequired = () => invalid('invitations.display_name_required', 'displayName', 'Enter your name');
export const accessRequestNotFound = () => new AppError('access_requests.not_found', 404, 'Access request not found');
export const accessRequestDecided = () => new AppError('access_requests.decided', 409, 'This access request was already decided');
