// Invitations: managers invite staff and residents by e-mail; the link lets the invitee choose
// a password (or confirm an existing account's password) and join the property manager.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { Language, TenantRole } from '../../db/schema.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit, recordAuditFor } from '../audit/audit.repository.ts';
import { requireStrongPassword } from '../auth/auth.credentials.usecases.ts';
import { hashPassword, verifyPassword } from '../auth/auth.passwords.ts';
import * as authRepo from '../auth/auth.repository.ts';
import { wrongPassword } from '../auth/auth.security.errors.ts';
import { partyNotFound } from '../parties/parties.errors.ts';
import { newToken, tokenHash } from '../auth/auth.tokens.ts';
import { login, type ClientInfo } from '../auth/auth.usecases.ts';
import { renderMail, roleLabel } from '../mail/mail.templates.ts';
import type { Mail } from '../mail/mail.usecases.ts';
import {
  alreadyMember, displayNameRequired, invitationInvalid, invitationNotFound, invitationNotPending, partyNotAllowed, partyRequired, personNotAllowed, personRequired,
} from './invitations.errors.ts';
import { authorize, invitationPolicy } from './invitations.policies.ts';
import * as repo from './invitations.repository.ts';

const INVITATION_VALID_MS = 7 * 24 * 3_600_000;

export interface InvitationInput {
  email: string;
  role: TenantRole;
  personId?: string | null;
  partyId?: string | null;
}

/** The existing account of an address, refused when it already belongs to the tenant. */
export async function requireNotMember(deps: Deps, tenantId: string, email: string) {
  const account = await asPlatform(deps.db, (tx) => repo.accountByEmail(tx, tenantId, email));
  if (account?.member_role) throw alreadyMember();
  return account ?? null;
}

/**
 * Records an invitation inside the caller's tenant transaction and returns the mail to send once
 * it commits. The mail speaks the invitee's language: the person's, the account's, the tenant's.
 */
export async function issueInvitation(deps: Deps, tx: Tx, actor: TenantActor, input: InvitationInput, accountLanguage: Language | null) {
  const now = deps.clock.now();
  const email = input.email.trim();
  const person = input.personId ? await repo.personForInvitation(tx, actor.tenantId, input.personId) : undefined;
  const tenant = await repo.tenantForMail(tx, actor.tenantId);
  const replaced = await repo.revokeOpenInvitations(tx, actor.tenantId, email, now);
  const token = newToken();
  const { id } = await repo.insertInvitation(tx, {
    tenantId: actor.tenantId, email, role: input.role, personId: input.personId ?? null, partyId: input.partyId ?? null, tokenHash: tokenHash(token),
    invitedBy: actor.userId, expiresAt: new Date(now.getTime() + INVITATION_VALID_MS),
  });
  await recordAudit(tx, actor, {
    action: 'invitation.created', entityType: 'invitation', entityId: id,
    after: { email, role: input.role, personId: input.personId ?? null, partyId: input.partyId ?? null, replaces: replaced.map((r) => r.id) },
  });
  const language = person?.language ?? accountLanguage ?? tenant.default_language;
  const url = `${deps.config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
  const mail: Mail = renderMail(email, language, 'invitation', { tenant: tenant.name, inviter: actor.displayName, role: roleLabel(language, input.role), url });
  return { id, mail };
}

export async function createInvitation(deps: Deps, actor: TenantActor, input: InvitationInput) {
  authorize(invitationPolicy.invite(actor, input.role));
  if (input.role === 'resident' && !input.personId) throw personRequired();
  if (input.role !== 'resident' && input.personId) throw personNotAllowed();
  if (input.role === 'lock_owner' && !input.partyId) throw partyRequired();
  if (input.role !== 'lock_owner' && input.partyId) throw partyNotAllowed();
  const account = await requireNotMember(deps, actor.tenantId, input.email);
  const { id, mail } = await inTenant(deps.db, actor.tenantId, async (tx) => {
    if (input.personId) await requireAccess(tx, actor, 'person', [input.personId]);
    if (input.partyId && !(await repo.partyForInvitation(tx, actor.tenantId, input.partyId))) throw partyNotFound();
    return issueInvitation(deps, tx, actor, input, account?.language ?? null);
  });
  await deps.mailer.send(mail);
  return (await inTenant(deps.db, actor.tenantId, (tx) => repo.findInvitation(tx, actor.tenantId, id)))!;
}

export function listInvitations(deps: Deps, actor: TenantActor) {
  authorize(invitationPolicy.list(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listInvitations(tx, actor.tenantId));
}

export function revokeInvitation(deps: Deps, actor: TenantActor, id: string) {
  authorize(invitationPolicy.list(actor));
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const invitation = await repo.findInvitation(tx, actor.tenantId, id);
    if (!invitation) throw invitationNotFound();
    authorize(invitationPolicy.invite(actor, invitation.role));
    if (invitation.accepted_at || invitation.revoked_at || new Date(invitation.expires_at) <= now) throw invitationNotPending();
    await repo.setRevoked(tx, actor.tenantId, id, now);
    await recordAudit(tx, actor, { action: 'invitation.revoked', entityType: 'invitation', entityId: id, before: { email: invitation.email, role: invitation.role } });
  });
}

/** What the accept page shows before the invitee decides (public, by token). */
export async function describeInvitation(deps: Deps, token: string) {
  const now = deps.clock.now();
  return asPlatform(deps.db, async (tx) => {
    const invitation = await repo.findOpenInvitationByToken(tx, tokenHash(token), now);
    if (!invitation) throw invitationInvalid();
    const account = await repo.accountByEmail(tx, invitation.tenant_id, invitation.email);
    return { tenantName: invitation.tenant_name, email: invitation.email, role: invitation.role, existingAccount: account !== undefined };
  });
}

/**
 * Joins the tenant: a new account with the chosen password, or a membership for the existing
 * account of that address (whose password must then match). Starts a session in that tenant.
 */
export async function acceptInvitation(deps: Deps, input: { token: string; password: string; displayName?: string } & ClientInfo) {
  const now = deps.clock.now();
  const hash = tokenHash(input.token);
  const open = await asPlatform(deps.db, (tx) => repo.findOpenInvitationByToken(tx, hash, now));
  if (!open) throw invitationInvalid();
  const existing = await asPlatform(deps.db, (tx) => authRepo.findUserByEmail(tx, open.email));
  let passwordHash: string | null = null;
  if (existing) {
    if (!existing.password_hash || existing.disabled_at || !(await verifyPassword(existing.password_hash, input.password))) throw wrongPassword('password');
  } else {
    requireStrongPassword(input.password, 'password');
    if (!input.displayName?.trim()) throw displayNameRequired();
    passwordHash = await hashPassword(input.password);
  }

  await asPlatform(deps.db, async (tx) => {
    const invitation = await repo.findOpenInvitationByToken(tx, hash, now);
    if (!invitation) throw invitationInvalid();
    const language = invitation.person_language ?? invitation.default_language;
    const displayName = existing?.display_name ?? input.displayName!.trim();
    const userId = existing?.id ?? (await authRepo.insertUser(tx, { email: invitation.email, passwordHash: passwordHash!, displayName, language })).id;
    if ((await repo.accountByEmail(tx, invitation.tenant_id, invitation.email))?.member_role) throw alreadyMember();
    await repo.insertMembership(tx, { tenantId: invitation.tenant_id, userId, role: invitation.role, personId: invitation.person_id, partyId: invitation.party_id });
    await repo.setAccepted(tx, invitation.tenant_id, invitation.id, now);
    const actor: Actor = {
      userId, email: invitation.email, displayName, language: existing?.language ?? language, platformRole: null,
      tenantId: invitation.tenant_id, role: invitation.role, personId: invitation.person_id, partyId: invitation.party_id, via: 'session', sessionId: null, scopes: null,
    };
    await recordAuditFor(tx, invitation.tenant_id, actor, {
      action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id, after: { userId, role: invitation.role, newAccount: !existing },
    });
  });

  const session = await login(deps, { email: open.email, password: input.password, ip: input.ip, userAgent: input.userAgent });
  await asPlatform(deps.db, (tx) => authRepo.updateSession(tx, tokenHash(session.token), { tenantId: open.tenant_id }));
  return session;
}
