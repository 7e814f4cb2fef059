// People: residents, owners and holders of units, each with a customer number of its property
// manager. Logins (users) are separate; a membership links a login to a person.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { personNotFound } from './people.errors.ts';
import { personPolicy } from './people.policies.ts';
import * as repo from './people.repository.ts';
import type { PersonInput, PersonUpdate } from './people.schemas.ts';

type Input = Static<typeof PersonInput>;

function authorize(allowed: boolean) {
  if (!allowed) throw forbidden();
}

function toColumns(input: Partial<Input>) {
  return {
    ...(input.firstName !== undefined && { first_name: input.firstName }),
    ...(input.lastName !== undefined && { last_name: input.lastName }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.landline !== undefined && { landline: input.landline }),
    ...(input.mobile !== undefined && { mobile: input.mobile }),
    ...(input.language !== undefined && { language: input.language }),
    ...(input.companyName !== undefined && { company_name: input.companyName }),
    ...(input.vatId !== undefined && { vat_id: input.vatId }),
  };
}

async function detail(tx: Tx, tenantId: string, id: string) {
  const person = await repo.findPerson(tx, tenantId, id);
  if (!person) throw personNotFound();
  return { ...person, occupancies: await repo.occupanciesOfPerson(tx, tenantId, id) };
}

export function listPeople(deps: Deps, actor: TenantActor, filter: { search?: string; siteId?: string }) {
  authorize(personPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (filter.siteId) await requireAccess(tx, actor, 'site', [filter.siteId]);
    return repo.listPeople(tx, actor.tenantId, filter);
  });
}

export function getPerson(deps: Deps, actor: TenantActor, id: string) {
  authorize(personPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [id]);
    return detail(tx, actor.tenantId, id);
  });
}

export function createPerson(deps: Deps, actor: TenantActor, input: Input) {
  authorize(personPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const customerNumber = await repo.nextCustomerNumber(tx, actor.tenantId, await repo.tenantShortCode(tx, actor.tenantId));
    const { id } = await repo.insertPerson(tx, {
      tenant_id: actor.tenantId, customer_number: customerNumber, first_name: input.firstName, last_name: input.lastName,
      email: input.email ?? null, landline: input.landline ?? null, mobile: input.mobile ?? null, language: input.language,
      company_name: input.companyName ?? null, vat_id: input.vatId ?? null,
    });
    const after = await detail(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: 'person.created', entityType: 'person', entityId: id, after });
    return after;
  });
}

export function updatePerson(deps: Deps, actor: TenantActor, id: string, input: Static<typeof PersonUpdate>) {
  authorize(personPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findPerson(tx, actor.tenantId, id);
    if (!before) throw personNotFound();
    await repo.updatePerson(tx, actor.tenantId, id, toColumns(input));
    const after = await detail(tx, actor.tenantId, id);
    const { occupancies: _, ...afterPerson } = after;
    await recordAudit(tx, actor, { action: 'person.updated', entityType: 'person', entityId: id, before, after: afterPerson });
    return after;
  });
}
