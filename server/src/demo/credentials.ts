// Demo badges. Each manager has a delivered badge list in stock. Anna Huber (resident@demo.test)
// got her first badge with the flat, lost a second one, and has ordered a replacement whose fee
// (badge 6.50 + shipping 1.50) she still owes, so her pages show every state that matters: the
// replacement works once she pays, from the balance or by bank transfer. Camille Favre
// (resident.ch@demo.test) lives where the owner makes its own statements, so besides her badge
// the building's own door badge is registered for her.
import type { Db } from '../db/client.ts';
import { asPlatform, inTenant, type Tx } from '../db/scope.ts';
import type { TenantActor } from '../http/actor.ts';
import { insertImport, insertStock } from '../modules/badgestock/badgestock.repository.ts';
import { changeCredentialStatus, recordChange, type Change } from '../modules/credentials/credentials.lifecycle.ts';
import { fulfilOrder, orderBadge } from '../modules/credentials/credentials.orders.usecases.ts';
import { insertCredential } from '../modules/credentials/credentials.repository.ts';

const DAY = 86_400_000;

/** A delivered list: `count` badges labelled ID*<code>*<first>… with made-up 7-byte UIDs. */
function deliveredList(shortCode: string, uidPrefix: string, first: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    uid: `${uidPrefix}${(first + i).toString(16).toUpperCase().padStart(6, '0')}`,
    label: `ID*${shortCode}*${String(first + i).padStart(4, '0')}`,
  }));
}

async function seedStock(tx: Tx, tenantId: string, shortCode: string, badges: { uid: string; label: string }[], at: Date) {
  const importId = await insertImport(tx, {
    tenantId, fileName: `${shortCode}-badges.csv`, badgeCount: badges.length, importedBy: null, importedByLabel: 'Concierge',
    byOperator: true, importedAt: at,
  });
  await insertStock(tx, badges.map((b) => ({ tenantId, uid: b.uid, label: b.label, importId })));
}

function demoActor(tenantId: string): TenantActor {
  return {
    userId: '', email: '', displayName: 'demo data', language: 'en', platformRole: null, tenantId,
    role: 'manager_admin', personId: null, via: 'token', sessionId: null, scopes: null,
  };
}

const staffChange = (reason: string | null, now: Date): Change => ({ userId: null, actor: 'staff:manager@demo.test', reason, now });

async function residentOf(db: Db, email: string) {
  return asPlatform(db, (tx) => tx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.tenant_id as tenantId', 'memberships.person_id as personId']).where('users.email', '=', email).executeTakeFirst());
}

export async function seedDemoCredentials(db: Db, now = new Date()): Promise<void> {
  const anna = await residentOf(db, 'resident@demo.test');
  if (anna?.personId) {
    const { tenantId, personId } = anna;
    await inTenant(db, tenantId, async (tx) => {
      await seedStock(tx, tenantId, 'heimbau', deliveredList('heimbau', '04A224B2', 1001, 20), new Date(now.getTime() - 90 * DAY));
      const actor = demoActor(tenantId);
      // With the flat: fee waived by the manager.
      const first = await orderBadge(tx, { tenantId, personId, requestId: null, waiveFeeReason: 'Included with the flat', actor, change: staffChange(null, new Date(now.getTime() - 60 * DAY)) });
      await fulfilOrder(tx, tenantId, first.credential.id, { label: 'ID*heimbau*1001' }, staffChange(null, new Date(now.getTime() - 60 * DAY)));
      // A second badge for the laundry room, lost twelve days ago.
      const second = await orderBadge(tx, { tenantId, personId, requestId: null, waiveFeeReason: 'Second badge for the household', actor, change: staffChange(null, new Date(now.getTime() - 45 * DAY)) });
      await fulfilOrder(tx, tenantId, second.credential.id, { label: 'ID*heimbau*1002' }, staffChange(null, new Date(now.getTime() - 45 * DAY)));
      await changeCredentialStatus(tx, tenantId, second.credential.id, 'lost', {
        userId: null, actor: 'resident:resident@demo.test', reason: 'Verloren', now: new Date(now.getTime() - 12 * DAY),
      });
      // The replacement: issued, waiting for its fee.
      const replacement = await orderBadge(tx, { tenantId, personId, requestId: null, waiveFeeReason: null, actor, change: staffChange(null, new Date(now.getTime() - 3 * DAY)) });
      await fulfilOrder(tx, tenantId, replacement.credential.id, { label: 'ID*heimbau*1003' }, staffChange(null, new Date(now.getTime() - 3 * DAY)));
    });
  }

  const camille = await residentOf(db, 'resident.ch@demo.test');
  if (camille?.personId) {
    const { tenantId, personId } = camille;
    await inTenant(db, tenantId, async (tx) => {
      await seedStock(tx, tenantId, 'regielac', deliveredList('regielac', '04B37C11', 1, 10), new Date(now.getTime() - 90 * DAY));
      const badge = await orderBadge(tx, { tenantId, personId, requestId: null, waiveFeeReason: 'Remis avec l\'appartement', actor: demoActor(tenantId), change: staffChange(null, new Date(now.getTime() - 50 * DAY)) });
      await fulfilOrder(tx, tenantId, badge.credential.id, { label: 'ID*regielac*0001' }, staffChange(null, new Date(now.getTime() - 50 * DAY)));
      // The building's own door badge, registered where the owner makes its own statements.
      const at = new Date(now.getTime() - 50 * DAY);
      const door = await insertCredential(tx, {
        tenant_id: tenantId, type: 'rfid', id_tag: 'A1B2C3D4', technology: 'mifare_classic', label: null, person_id: personId,
        status: 'active', origin: 'building', valid_until: null, fee_id: null, request_id: null, created_at: at, status_changed_at: at,
      });
      await recordChange(tx, door, null, staffChange('Door badge of the building', at));
    });
  }
}
