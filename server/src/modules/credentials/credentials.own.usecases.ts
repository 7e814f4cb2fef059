// What a resident does with their own credentials in the portal: see them, report a badge lost
// (it stops working at once: the change reaches every device cache through NOTIFY), add a phone
// (its idTag is shown once, with a QR code for the app) and revoke it, set their PIN.
import QRCode from 'qrcode';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { cleanReason, residentChange } from './credentials.changes.ts';
import { badPin, credentialNotFound, invalidName, noPerson, pinTaken, tooManyPhones, wrongType } from './credentials.errors.ts';
import { changeCredentialStatus, recordChange } from './credentials.lifecycle.ts';
import { credentialPolicy } from './credentials.policies.ts';
import * as portal from './credentials.portal.repository.ts';
import * as repo from './credentials.repository.ts';
import { newPhoneTag, pinTag } from './credentials.tags.ts';
import { viewOf } from './credentials.usecases.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { openLostBadgeTicket } from '../tickets/tickets.automatic.ts';

/** Phones a person may register at once: enough for a household's devices, few enough for device lists. */
export const MAX_PHONES = 5;

function ownPerson(actor: TenantActor): string {
  if (!credentialPolicy.own(actor)) throw noPerson();
  return actor.personId!;
}

/** The resident's credential; anyone else's (or another tenant's) does not exist for them. */
async function ownCredential(tx: Tx, actor: TenantActor, id: string) {
  const credential = await repo.findCredential(tx, actor.tenantId, id);
  if (!credential || credential.person_id !== actor.personId) throw credentialNotFound();
  return credential;
}

export function listOwnCredentials(deps: Deps, actor: TenantActor) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, (tx) => portal.listOfPerson(tx, actor.tenantId, personId));
}

export async function reportLost(deps: Deps, actor: TenantActor, id: string, reason: string | undefined) {
  ownPerson(actor);
  const view = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const credential = await ownCredential(tx, actor, id);
    if (credential.type !== 'rfid' && credential.type !== 'fob') throw wrongType('badges and remote fobs');
    await changeCredentialStatus(tx, actor.tenantId, id, 'lost', residentChange(actor, cleanReason(reason), deps.clock.now()));
    await recordAudit(tx, actor, { action: 'credential.lost', entityType: 'credential', entityId: id, before: { status: credential.status }, after: { status: 'lost' } });
    return viewOf(tx, actor.tenantId, id);
  });
  // The office may follow up (a replacement) on a ticket; opening it never fails the report.
  await openLostBadgeTicket(deps, actor.tenantId, id);
  return view;
}

/** A new phone credential. The idTag leaves the server only in this answer (and as its QR code). */
export async function addPhone(deps: Deps, actor: TenantActor, name: string) {
  const personId = ownPerson(actor);
  const label = name.trim();
  if (!label) throw invalidName();
  const idTag = newPhoneTag();
  const view = await inTenant(deps.db, actor.tenantId, async (tx) => {
    if (await portal.countLivePhones(tx, actor.tenantId, personId) >= MAX_PHONES) throw tooManyPhones(MAX_PHONES);
    const now = deps.clock.now();
    const credential = await repo.insertCredential(tx, {
      tenant_id: actor.tenantId, type: 'phone', id_tag: idTag, technology: null, label, person_id: personId, status: 'active',
      origin: 'platform', valid_until: null, fee_id: null, request_id: null, created_at: now, status_changed_at: now,
    });
    await recordChange(tx, credential, null, residentChange(actor, null, now));
    await recordAudit(tx, actor, { action: 'credential.phone_added', entityType: 'credential', entityId: credential.id, after: { name: label } });
    return viewOf(tx, actor.tenantId, credential.id);
  });
  return { view, idTag, qrDataUrl: await QRCode.toDataURL(idTag, { errorCorrectionLevel: 'M', margin: 1, width: 240 }) };
}

export function revokePhone(deps: Deps, actor: TenantActor, id: string) {
  ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const credential = await ownCredential(tx, actor, id);
    if (credential.type !== 'phone') throw wrongType('phones');
    await changeCredentialStatus(tx, actor.tenantId, id, 'returned', residentChange(actor, 'Revoked', deps.clock.now()));
    await recordAudit(tx, actor, { action: 'credential.phone_revoked', entityType: 'credential', entityId: id, before: { status: credential.status }, after: { status: 'returned' } });
    return viewOf(tx, actor.tenantId, id);
  });
}

/**
 * Sets the resident's PIN. One PIN credential per person: a new PIN replaces the old one's tag,
 * which leaves the device lists; a PIN blocked by staff stays blocked. A PIN identifies its
 * holder at a terminal, so it is unique within the property manager and a taken one is refused.
 */
export function setPin(deps: Deps, actor: TenantActor, pin: string) {
  const personId = ownPerson(actor);
  if (!/^\d{4,8}$/.test(pin)) throw badPin();
  const idTag = pinTag(actor.tenantId, pin, deps.config.credentialKey);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const now = deps.clock.now();
    const live = await portal.livePinOf(tx, actor.tenantId, personId);
    if (live?.id_tag === idTag) return viewOf(tx, actor.tenantId, live.id);
    if (await repo.findByTag(tx, actor.tenantId, idTag)) throw pinTaken();
    const change = residentChange(actor, live ? 'PIN changed' : null, now);
    const refuseTaken = (error: unknown) => { throw isUniqueViolation(error) ? pinTaken() : error; };
    let credential: repo.CredentialRow;
    if (live) {
      credential = await portal.setTag(tx, actor.tenantId, live.id, idTag).catch(refuseTaken);
      // The old PIN leaves every device list and cache before the new one arrives.
      await repo.appendListChange(tx, actor.tenantId, { credential_id: live.id, id_tag: live.id_tag!, status: null, expires_at: null, at: now });
      await repo.announce(tx, actor.tenantId, live.id_tag!);
      await recordChange(tx, credential, live.status, change);
    } else {
      credential = await repo.insertCredential(tx, {
        tenant_id: actor.tenantId, type: 'pin', id_tag: idTag, technology: null, label: null, person_id: personId, status: 'active',
        origin: 'platform', valid_until: null, fee_id: null, request_id: null, created_at: now, status_changed_at: now,
      }).catch(refuseTaken);
      await recordChange(tx, credential, null, change);
    }
    // Never the PIN or its tag: the audit log is read by staff.
    await recordAudit(tx, actor, { action: live ? 'credential.pin_changed' : 'credential.pin_set', entityType: 'credential', entityId: credential.id });
    return viewOf(tx, actor.tenantId, credential.id);
  });
}
