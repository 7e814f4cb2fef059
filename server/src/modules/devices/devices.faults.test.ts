import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { catalogues } from '../mail/mail.templates.ts';
import { heimbauRooms, registerTerminal, type Rooms } from './devices.fixtures.ts';
import { onApplianceFault } from './devices.faults.ts';

let ctx: TestContext;
let manager: Session;
let staff: Session;
let rooms: Rooms;
let tenantId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [manager, staff] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'staff@demo.test')]);
  rooms = await heimbauRooms(manager);
  tenantId = (await manager.request('GET', '/api/tenant')).body.id;
  // Sabine reads Polish: her notice must come in Polish, Michael's in German.
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('users').set({ language: 'pl' }).where('email', '=', 'staff@demo.test').execute());
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('users').set({ language: 'de' }).where('email', '=', 'manager@demo.test').execute());
});
afterAll(async () => { await ctx?.close(); });

async function faultyWasher() {
  const terminal = await registerTerminal(manager, rooms, 'Terminal Stiege 1');
  const washer = (await manager.request('POST', `/api/devices/${terminal.id}/appliances`, { connectorId: 2, kind: 'washer', metering: 'energy', name: 'Waschmaschine 2' })).body;
  return { terminal, washer };
}
const mailsSince = (count: number) => ctx.mails.slice(count);

describe('an appliance fault', () => {
  it('e-mails every office staff member in their language: which appliance, where, which error, when', async () => {
    const { terminal, washer } = await faultyWasher();
    const before = ctx.mails.length;
    await onApplianceFault(ctx.deps, { tenantId, deviceId: terminal.id, applianceId: washer.id, errorCode: 'GroundFailure', info: 'Fehlerstromschutz ausgelöst' });
    const mails = mailsSince(before);
    expect(mails.map((m) => m.to).sort()).toEqual(['manager@demo.test', 'staff@demo.test']);
    const german = mails.find((m) => m.to === 'manager@demo.test')!;
    expect(german.subject).toBe('Störung: Waschmaschine 2 – Wohnhausanlage Leopoldau, Waschküche Stiege 1');
    expect(german.text).toContain('Anschluss 2 von Terminal Stiege 1');
    expect(german.text).toContain('Fehlercode: GroundFailure');
    expect(german.text).toContain('Details: Fehlerstromschutz ausgelöst');
    expect(german.text).toContain(`/devices/${terminal.id}`);
    expect(german.text).toMatch(/Gemeldet: .*20\d\d/);
    const polish = mails.find((m) => m.to === 'staff@demo.test')!;
    expect(polish.subject).toMatch(/^Awaria: Waschmaschine 2/);
    expect(polish.text).toContain('Kod błędu: GroundFailure');
  });

  it('stays silent when the tenant chose no fault action, and for an appliance of another tenant', async () => {
    const { terminal, washer } = await faultyWasher();
    expect((await manager.request('PUT', '/api/settings/devices', { faultAction: 'none', chargingMinBalanceMinor: 500, chargingHoldStepMinor: 1000 })).status).toBe(200);
    const before = ctx.mails.length;
    await onApplianceFault(ctx.deps, { tenantId, deviceId: terminal.id, applianceId: washer.id, errorCode: 'OtherError', info: null });
    const regieId = (await (await login(ctx.app, 'regie@demo.test')).request('GET', '/api/tenant')).body.id;
    await manager.request('PUT', '/api/settings/devices', { faultAction: 'notify_staff', chargingMinBalanceMinor: 500, chargingHoldStepMinor: 1000 });
    await onApplianceFault(ctx.deps, { tenantId: regieId, deviceId: terminal.id, applianceId: washer.id, errorCode: 'OtherError', info: null });
    expect(mailsSince(before)).toEqual([]);
    await onApplianceFault(ctx.deps, { tenantId, deviceId: terminal.id, applianceId: washer.id, errorCode: 'OtherError', info: null });
    expect(mailsSince(before)).toHaveLength(2);
    expect(mailsSince(before)[0]!.text).toContain('Details: –');
  });

  it('has its template in all five languages with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const catalogue of Object.values(catalogues)) {
      expect(placeholders(catalogue.applianceFault.body)).toEqual(placeholders(catalogues.en.applianceFault.body));
      expect(placeholders(catalogue.applianceFault.subject)).toEqual(placeholders(catalogues.en.applianceFault.subject));
    }
  });
});

describe('device settings', () => {
  it('starts from the defaults and lets an admin change them (audited); staff may read, not change', async () => {
    expect((await staff.request('GET', '/api/settings/devices')).body).toEqual({ faultAction: 'notify_staff', chargingMinBalanceMinor: 500, chargingHoldStepMinor: 1000 });
    const changed = await manager.request('PUT', '/api/settings/devices', { faultAction: 'none', chargingMinBalanceMinor: 1000, chargingHoldStepMinor: 2500 });
    expect(changed).toMatchObject({ status: 200, body: { faultAction: 'none', chargingMinBalanceMinor: 1000, chargingHoldStepMinor: 2500 } });
    expect((await staff.request('GET', '/api/settings/devices')).body.chargingHoldStepMinor).toBe(2500);
    expect((await staff.request('PUT', '/api/settings/devices', { faultAction: 'notify_staff', chargingMinBalanceMinor: 0, chargingHoldStepMinor: 100 })).status).toBe(403);
    expect((await manager.request('PUT', '/api/settings/devices', { faultAction: 'sms', chargingMinBalanceMinor: 0, chargingHoldStepMinor: 100 })).status).toBe(400);
    expect((await manager.request('PUT', '/api/settings/devices', { faultAction: 'none', chargingMinBalanceMinor: 0, chargingHoldStepMinor: 0 })).status).toBe(400);
    const audit = (await manager.request('GET', '/api/audit?entityType=tenant_settings')).body.events;
    expect(audit.map((e: { action: string }) => e.action)).toContain('device_settings.updated');
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('GET', '/api/settings/devices')).body.faultAction).toBe('notify_staff');
  });
});
