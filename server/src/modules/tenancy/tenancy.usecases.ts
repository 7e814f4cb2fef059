// Property managers (tenants) and the operator logins above them.
import type { Static } from 'typebox';
import type { Db } from '../../db/client.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Currency, Language } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { conflict, forbidden, invalid } from '../../errors.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';
import { recordAudit, recordAuditFor } from '../audit/audit.repository.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/auth.passwords.ts';
import { findUserByEmail, insertUser } from '../auth/auth.repository.ts';
import { issueInvitation } from '../invitations/invitations.usecases.ts';
import { shortCodeTaken, tenantNotFound } from './tenancy.errors.ts';
import * as repo from './tenancy.repository.ts';
import type { OperatorTenantUpdate, OwnTenantUpdate, TenantInput } from './tenancy.schemas.ts';
import { announce } from '../credentials/credentials.repository.ts';

export async function createOperator(db: Db, input: { email: string; displayName: string; password: string }): Promise<void> {
  if (input.password.length < MIN_PASSWORD_LENGTH) throw invalid('auth.password_too_short', 'password', `At least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  await asPlatform(db, async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw conflict('users.email_taken', 'This e-mail already has a login', 'email');
    await insertUser(tx, { email: input.email, passwordHash, displayName: input.displayName, language: 'en', platformRole: 'operator_admin' });
  });
}

type SettingsInput = Static<typeof OperatorTenantUpdate>;

function toColumns(input: SettingsInput) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.country !== undefined && { country: input.country }),
    ...(input.defaultLanguage !== undefined && { default_language: input.defaultLanguage as Language }),
    ...(input.operatingMode !== undefined && { operating_mode: input.operatingMode }),
  };
}

export function listTenants(deps: Deps, _operator: Actor) {
  return asPlatform(deps.db, (tx) => repo.listTenantsWithCounts(tx));
}

export function getTenantForOperator(deps: Deps, _operator: Actor, tenantId: string) {
  return asPlatform(deps.db, async (tx) => (await repo.findTenantWithCounts(tx, tenantId)) ?? Promise.reject(tenantNotFound()));
}

/**
 * Creates a property manager and invites its first admin by e-mail. The operator issues the
 * invitation as if acting inside the new tenant; the mail goes out once the tenant exists.
 */
export async function createTenant(deps: Deps, operator: Actor, input: Static<typeof TenantInput>) {
  const { tenant, mail } = await asPlatform(deps.db, async (tx) => {
    if (await repo.shortCodeTaken(tx, input.shortCode)) throw shortCodeTaken();
    const { id } = await repo.insertTenant(tx, {
      name: input.name, short_code: input.shortCode, country: input.country, currency: input.currency as Currency,
      default_language: input.defaultLanguage as Language, operating_mode: input.operatingMode,
    });
    const after = (await repo.findTenantWithCounts(tx, id))!;
    await recordAuditFor(tx, id, operator, { action: 'tenant.created', entityType: 'tenant', entityId: id, after: { ...after, admin: input.admin } });
    const asAdminOfNewTenant: TenantActor = { ...operator, tenantId: id, role: 'manager_admin' };
    const account = await findUserByEmail(tx, input.admin.email);
    const invitation = await issueInvitation(deps, tx, asAdminOfNewTenant, { email: input.admin.email, role: 'manager_admin' }, account?.language ?? null);
    return { tenant: after, mail: invitation.mail };
  });
  await deps.mailer.send(mail);
  return tenant;
}

export function updateTenantForOperator(deps: Deps, operator: Actor, tenantId: string, input: SettingsInput) {
  return asPlatform(deps.db, async (tx) => {
    const before = await repo.findTenant(tx, tenantId);
    if (!before) throw tenantNotFound();
    await repo.updateTenant(tx, tenantId, toColumns(input));
    // Which badges work depends on the operating mode: every process re-reads the tenant's tags.
    if (input.operatingMode !== undefined) await announce(tx, tenantId, '*');
    const after = (await repo.findTenantWithCounts(tx, tenantId))!;
    await recordAuditFor(tx, tenantId, operator, { action: 'tenant.updated', entityType: 'tenant', entityId: tenantId, before, after });
    return after;
  });
}

/** A property manager's own settings, readable by everyone acting in it. */
export function getOwnTenant(deps: Deps, actor: TenantActor) {
  return inTenant(deps.db, actor.tenantId, async (tx) => (await repo.findTenant(tx, actor.tenantId))!);
}

export function updateOwnTenant(deps: Deps, actor: TenantActor, input: Static<typeof OwnTenantUpdate>) {
  if (actor.role !== 'manager_admin') throw forbidden();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = (await repo.findTenant(tx, actor.tenantId))!;
    await repo.updateTenant(tx, actor.tenantId, toColumns(input));
    const after = (await repo.findTenant(tx, actor.tenantId))!;
    await recordAudit(tx, actor, { action: 'tenant.updated', entityType: 'tenant', entityId: actor.tenantId, before, after });
    return after;
  });
}
