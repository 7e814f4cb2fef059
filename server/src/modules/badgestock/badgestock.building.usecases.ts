// Badges the building already uses (door badges, say) registered as a person's credential. Only
// where the owner makes its own statements: where Concierge bills and collects, only badges from
// the platform's stock work (seeds 000/001). Such a badge costs no fee and works at once; its
// UID is still subject to the technology check and may not be in this manager's stock.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { invalid } from '../../errors.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { staffChange } from '../credentials/credentials.changes.ts';
import { badgeInStock, duplicateLabel, duplicateTag, ownBadgesOnly } from '../credentials/credentials.errors.ts';
import { recordChange } from '../credentials/credentials.lifecycle.ts';
import { insertCredential } from '../credentials/credentials.repository.ts';
import { normalizeUid, requireSupportedTechnology } from '../credentials/credentials.tags.ts';
import { authorize, badgeStockPolicy } from './badgestock.policies.ts';
import * as repo from './badgestock.repository.ts';
import { labelProblem, technologyOf } from './badgestock.rows.ts';
import { isUniqueViolation } from '../../db/errors.ts';

export interface BuildingBadgeInput {
  uid: string;
  /** What the card is; DESFire and T=CL are refused with the reason. Default MIFARE Classic. */
  technology?: string;
  /** What is printed on the badge, if anything. */
  label?: string;
}

export function registerBuildingBadge(deps: Deps, actor: TenantActor, personId: string, input: BuildingBadgeInput) {
  authorize(badgeStockPolicy.registerBuildingBadge(actor));
  const uid = normalizeUid(input.uid, 'uid');
  const technology = requireSupportedTechnology(technologyOf(input.technology ?? ''), 'technology');
  const label = input.label?.trim() || null;
  const labelIssue = label === null ? null : labelProblem(label);
  if (labelIssue) throw invalid(labelIssue.code, 'label', labelIssue.message);

  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [personId]);
    const tenant = await repo.tenantById(tx, actor.tenantId);
    if (tenant.operating_mode !== 'owner_statements') throw ownBadgesOnly();
    // Same lock as an import, so a list imported at this moment cannot bring the same UID.
    await repo.lockStock(tx, [actor.tenantId]);
    const taken = await repo.takenUids(tx, [{ tenantId: actor.tenantId, value: uid }]);
    if (taken.some((t) => t.place === 'credential')) throw duplicateTag();
    if (taken.length > 0) throw badgeInStock();
    if (label && (await repo.takenLabels(tx, [{ tenantId: actor.tenantId, value: label }])).length > 0) throw duplicateLabel();

    const now = deps.clock.now();
    const change = staffChange(actor, 'building badge registered', now);
    const credential = await insertCredential(tx, {
      tenant_id: actor.tenantId, type: 'rfid', id_tag: uid, technology, label, person_id: personId, status: 'active',
      origin: 'building', valid_until: null, fee_id: null, request_id: null, created_at: now, status_changed_at: now,
      // A badge auto-registered by a tap at this very moment took the UID after our check.
    }).catch((error: unknown) => { throw isUniqueViolation(error) ? duplicateTag() : error; });
    await recordChange(tx, credential, null, change);
    await recordAudit(tx, actor, {
      action: 'credential.building_badge_registered', entityType: 'credential', entityId: credential.id,
      after: { personId, idTag: uid, technology, label, origin: 'building' },
    });
    return credential;
  });
}
