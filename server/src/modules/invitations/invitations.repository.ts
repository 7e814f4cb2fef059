// SQL for invitations. Tenant functions run inside inTenant; the lookups by token and by
// e-mail address cross tenants and platform tables, so they run inside asPlatform.
import type { Tx } from '../../db/scope.ts';
import type { TenantRole } from '../../db/schema.ts';

const columns = ['invitations.id', 'invitations.tenant_id', 'invitations.email', 'invitations.role', 'invitations.person_id', 'invitations.party_id', 'invitations.invited_by',
  'invitations.expires_at', 'invitations.accepted_at', 'invitations.revoked_at', 'invitations.created_at'] as const;

export function listInvitations(tx: Tx, tenantId: string) {
  return tx.selectFrom('invitations')
    .leftJoin('people', (join) => join.onRef('people.tenant_id', '=', 'invitations.tenant_id').onRef('people.id', '=', 'invitations.person_id'))
    .leftJoin('parties', (join) => join.onRef('parties.tenant_id', '=', 'invitations.tenant_id').onRef('parties.id', '=', 'invitations.party_id'))
    .select(columns).select(['people.first_name', 'people.last_name', 'parties.name as party_name'])
    .where('invitations.tenant_id', '=', tenantId).orderBy('invitations.created_at', 'desc').execute();
}

export function findInvitation(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('invitations')
    .leftJoin('people', (join) => join.onRef('people.tenant_id', '=', 'invitations.tenant_id').onRef('people.id', '=', 'invitations.person_id'))
    .leftJoin('parties', (join) => join.onRef('parties.tenant_id', '=', 'invitations.tenant_id').onRef('parties.id', '=', 'invitations.party_id'))
    .select(columns).select(['people.first_name', 'people.last_name', 'parties.name as party_name'])
    .where('invitations.tenant_id', '=', tenantId).where('invitations.id', '=', id).executeTakeFirst();
}

export function insertInvitation(tx: Tx, invitation: { tenantId: string; email: string; role: TenantRole; personId: string | null; partyId: string | null; tokenHash: string; invitedBy: string; expiresAt: Date }) {
  return tx.insertInto('invitations').values({
    tenant_id: invitation.tenantId, email: invitation.email, role: invitation.role, person_id: invitation.personId, party_id: invitation.partyId,
    token_hash: invitation.tokenHash, invited_by: invitation.invitedBy, expires_at: invitation.expiresAt, accepted_at: null, revoked_at: null,
  }).returning('id').executeTakeFirstOrThrow();
}

/** Revokes the open invitations of an address: a new invitation replaces the older links. */
export function revokeOpenInvitations(tx: Tx, tenantId: string, email: string, now: Date) {
  return tx.updateTable('invitations').set({ revoked_at: now }).where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('accepted_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now)
    .returning('id').execute();
}

export async function setRevoked(tx: Tx, tenantId: string, id: string, now: Date) {
  await tx.updateTable('invitations').set({ revoked_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function setAccepted(tx: Tx, tenantId: string, id: string, now: Date) {
  await tx.updateTable('invitations').set({ accepted_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function tenantForMail(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants').select(['name', 'default_language']).where('id', '=', tenantId).executeTakeFirstOrThrow();
}

export function partyForInvitation(tx: Tx, tenantId: string, partyId: string) {
  return tx.selectFrom('parties').select('id').where('tenant_id', '=', tenantId).where('id', '=', partyId).executeTakeFirst();
}

export function personForInvitation(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('people').select(['id', 'language', 'first_name', 'last_name']).where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
}

/** An open invitation by its token, with what accepting needs (platform: any tenant). */
export function findOpenInvitationByToken(tx: Tx, tokenHash: string, now: Date) {
  return tx.selectFrom('invitations')
    .innerJoin('tenants', 'tenants.id', 'invitations.tenant_id')
    .leftJoin('people', (join) => join.onRef('people.tenant_id', '=', 'invitations.tenant_id').onRef('people.id', '=', 'invitations.person_id'))
    .select(columns).select(['tenants.name as tenant_name', 'tenants.default_language', 'people.language as person_language'])
    .where('invitations.token_hash', '=', tokenHash).where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null).where('invitations.expires_at', '>', now)
    .forUpdate('invitations').executeTakeFirst();
}

/** The account behind an address, and whether it already belongs to the tenant (platform). */
export function accountByEmail(tx: Tx, tenantId: string, email: string) {
  return tx.selectFrom('users')
    .leftJoin('memberships', (join) => join.onRef('memberships.user_id', '=', 'users.id').on('memberships.tenant_id', '=', tenantId))
    .select(['users.id', 'users.language', 'memberships.role as member_role'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase())).executeTakeFirst();
}

export async function insertMembership(tx: Tx, membership: { tenantId: string; userId: string; role: TenantRole; personId: string | null; partyId: string | null }) {
  await tx.insertInto('memberships').values({ tenant_id: membership.tenantId, user_id: membership.userId, role: membership.role, person_id: membership.personId, party_id: membership.partyId }).execute();
}
