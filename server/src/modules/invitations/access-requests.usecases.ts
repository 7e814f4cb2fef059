// Access requests: a person asks for a portal login with the customer number printed on their
// papers; a manager approves (which sends a resident invitation) or declines.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';
import { recordAudit, recordAuditFor } from '../audit/audit.repository.ts';
import * as repo from './access-requests.repository.ts';
import { accessRequestDecided, accessRequestNotFound } from './invitations.errors.ts';
import { accessRequestPolicy, authorize } from './invitations.policies.ts';
import { issueInvitation, requireNotMember } from './invitations.usecases.ts';

/** The anonymous author of a public request, as the audit log names it. */
function requester(email: string): Actor {
  return { userId: '', email, displayName: `access request form (${email})`, language: 'en', platformRole: null, tenantId: null, role: null, personId: null, via: 'token', sessionId: null, scopes: null };
}

/**
 * Records a request only when the number exists and the e-mail is the one on file. The caller
 * answers the same in every case, so the form cannot be used to find customer numbers or
 * addresses.
 */
export async function requestAccess(deps: Deps, input: { customerNumber: string; email: string }): Promise<void> {
  const customerNumber = input.customerNumber.trim().toUpperCase();
  const email = input.email.trim();
  await asPlatform(deps.db, async (tx) => {
    const person = await repo.personByCustomerNumber(tx, customerNumber);
    if (!person?.email || person.email.toLowerCase() !== email.toLowerCase()) return;
    if (await repo.hasAccessOrOpenRequest(tx, person.tenant_id, person.id)) return;
    const { id } = await repo.insertAccessRequest(tx, { tenantId: person.tenant_id, personId: person.id, email: person.email });
    await recordAuditFor(tx, person.tenant_id, requester(email), {
      action: 'access_request.created', entityType: 'access_request', entityId: id, after: { personId: person.id, customerNumber, email: person.email },
    });
  });
}

export function listAccessRequests(deps: Deps, actor: TenantActor, status?: 'pending' | 'approved' | 'declined') {
  authorize(accessRequestPolicy.list(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listAccessRequests(tx, actor.tenantId, status));
}

async function pendingRequest(deps: Deps, actor: TenantActor, id: string) {
  const request = await inTenant(deps.db, actor.tenantId, (tx) => repo.findAccessRequest(tx, actor.tenantId, id));
  if (!request) throw accessRequestNotFound();
  if (request.status !== 'pending') throw accessRequestDecided();
  return request;
}

/** Approves and invites the person as a resident at the address of the request. */
export async function approveAccessRequest(deps: Deps, actor: TenantActor, id: string) {
  authorize(accessRequestPolicy.decide(actor));
  const request = await pendingRequest(deps, actor, id);
  const account = await requireNotMember(deps, actor.tenantId, request.email);
  const now = deps.clock.now();
  const { mail } = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const fresh = await repo.findAccessRequest(tx, actor.tenantId, id);
    if (fresh?.status !== 'pending') throw accessRequestDecided();
    await repo.decideAccessRequest(tx, actor.tenantId, id, { status: 'approved', by: actor.userId, at: now });
    const invitation = await issueInvitation(deps, tx, actor, { email: request.email, role: 'resident', personId: request.person_id }, account?.language ?? null);
    await recordAudit(tx, actor, { action: 'access_request.approved', entityType: 'access_request', entityId: id, before: { status: 'pending' }, after: { status: 'approved', invitationId: invitation.id } });
    return invitation;
  });
  await deps.mailer.send(mail);
  return (await inTenant(deps.db, actor.tenantId, (tx) => repo.findAccessRequest(tx, actor.tenantId, id)))!;
}

export async function declineAccessRequest(deps: Deps, actor: TenantActor, id: string) {
  authorize(accessRequestPolicy.decide(actor));
  await pendingRequest(deps, actor, id);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const fresh = await repo.findAccessRequest(tx, actor.tenantId, id);
    if (fresh?.status !== 'pending') throw accessRequestDecided();
    await repo.decideAccessRequest(tx, actor.tenantId, id, { status: 'declined', by: actor.userId, at: deps.clock.now() });
    await recordAudit(tx, actor, { action: 'access_request.declined', entityType: 'access_request', entityId: id, before: { status: 'pending' }, after: { status: 'declined' } });
    return (await repo.findAccessRequest(tx, actor.tenantId, id))!;
  });
}
