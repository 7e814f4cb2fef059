// The demo's service tickets at Heimbau: Anna Huber's fault report on a washing machine that the
// office answered and is working on, and her request for a charger at her parking space, waiting
// for approval. technician@demo.test is a technician login without sites (an electrician), to
// whom the office can hand the installation once approved.
import type { Db } from '../db/client.ts';
import { asPlatform } from '../db/scope.ts';
import { openTicket } from '../modules/tickets/tickets.open.ts';
import { insertEvent, updateTicket } from '../modules/tickets/tickets.repository.ts';

const HOUR = 3_600_000;

export async function seedDemoTickets(db: Db, passwordHash: string, now = new Date()): Promise<void> {
  await asPlatform(db, async (tx) => {
    const tenantId = (await tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow()).id;
    const technician = await tx.insertInto('users').values({ email: 'technician@demo.test', password_hash: passwordHash, display_name: 'Thomas Elektro', language: 'de',
      platform_role: null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('memberships').values({ tenant_id: tenantId, user_id: technician.id, role: 'technician', person_id: null }).execute();

    const anna = await tx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.user_id', 'memberships.person_id']).where('users.email', '=', 'resident@demo.test').executeTakeFirstOrThrow();
    const manager = await tx.selectFrom('users').select('id').where('email', '=', 'manager@demo.test').executeTakeFirstOrThrow();
    const unit = (label: string) => tx.selectFrom('units').select(['id', 'site_id']).where('tenant_id', '=', tenantId).where('label', '=', label).executeTakeFirstOrThrow();
    const laundry = await unit('Waschküche Stiege 1');
    const parking = await unit('Stellplatz 14');

    const opened = new Date(now.getTime() - 26 * HOUR);
    const fault = await openTicket(tx, {
      tenantId, category: 'appliance_fault', subject: 'Waschmaschine 2 pumpt nicht ab', body: 'Seit gestern Abend bleibt nach dem Waschgang Wasser in der Trommel stehen.',
      status: 'new', source: 'portal', sourceKey: null, clientId: null, personId: anna.person_id, siteId: laundry.site_id, unitId: laundry.id, chargerSerial: null,
      assigneeUserId: manager.id, createdBy: anna.user_id, files: [], at: opened,
    });
    const replied = new Date(opened.getTime() + 3 * HOUR);
    await insertEvent(tx, { tenant_id: tenantId, ticket_id: fault.id, kind: 'status', author_user_id: manager.id, body: null, from_status: 'new', to_status: 'in_progress', assignee_user_id: null, at: replied });
    await insertEvent(tx, { tenant_id: tenantId, ticket_id: fault.id, kind: 'comment', author_user_id: manager.id, internal: false,
      body: 'Danke für die Meldung. Der Kundendienst kommt morgen Vormittag; bis dahin bitte Maschine 1 verwenden.', from_status: null, to_status: null, assignee_user_id: null, at: replied });
    await updateTicket(tx, tenantId, fault.id, { status: 'in_progress', updated_at: replied });

    await openTicket(tx, {
      tenantId, category: 'charger_installation', subject: 'Wallbox für Stellplatz 14', body: 'Ich möchte eine Wallbox (11 kW) an meinem Stellplatz 14 installieren lassen.',
      status: 'awaiting_approval', source: 'portal', sourceKey: null, clientId: null, personId: anna.person_id, siteId: parking.site_id, unitId: parking.id,
      chargerSerial: null, assigneeUserId: null, createdBy: anna.user_id, files: [], at: new Date(now.getTime() - 5 * HOUR),
    });
  });
}
