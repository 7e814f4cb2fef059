// Who sees a flat's consumption (docs/metering.md, "Who sees what"): the office sees the sites'
// own meters; a unit's meter only with the contract's pseudonymised-data option and a personal
// grant (at most three), and then under the unit's pseudonym, never its label, id or serial.
// Residents keep seeing their own; another property manager sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages } from '../../test/pdf.ts';

let ctx: TestContext;
let manager: Session;
let sabine: Session;
let anna: Session;
let regie: Session;
let tenantId: string;
let siteId: string;
const units: Record<string, string> = {};
const meters: Record<string, string> = {};
const staffIds: Record<string, string> = {};

const setOption = (on: boolean) => asPlatform(ctx.deps.db, (tx) => tx.updateTable('settlement_contracts').set({ pseudonymised_data: on }).where('tenant_id', '=', tenantId).execute());
const pdf = async (session: Session, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  return { status: res.statusCode, disposition: String(res.headers['content-disposition'] ?? ''), text: res.statusCode === 200 ? (await pdfPages(res.rawPayload)).join(' ') : '' };
};
/** Nothing in a body names the flat, its id or the meter's serial. */
const expectNothingPersonal = (body: unknown) => {
  const json = JSON.stringify(body);
  for (const secret of ['Stiege 1 / Top', 'WMZ-P-TOP', units.top1!, units.top2!, 'Anna', 'Huber', 'Lukas']) expect(json).not.toContain(secret);
};
const MONTH = '2026-11';

beforeAll(async () => {
  ctx = await createTestContext();
  [manager, sabine, anna, regie] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'staff@demo.test'), login(ctx.app, 'resident@demo.test'), login(ctx.app, 'regie@demo.test')]);
  tenantId = (await manager.request('GET', '/api/tenant')).body.id;
  siteId = (await manager.request('GET', '/api/sites')).body[0].id;
  const list = (await manager.request('GET', `/api/sites/${siteId}/units`)).body as { id: string; label: string }[];
  units.top1 = list.find((u) => u.label === 'Stiege 1 / Top 1')!.id;
  units.top2 = list.find((u) => u.label === 'Stiege 1 / Top 2')!.id;
  for (const [key, unitId, serial] of [['house', null, 'WMZ-P-HOUSE'], ['top1', units.top1, 'WMZ-P-TOP1'], ['top2', units.top2, 'WMZ-P-TOP2']] as const) {
    const created = await manager.request('POST', '/api/meters', { siteId, unitId, name: unitId ? `Stiege 1 / Top ${key.slice(3)} · Wärme` : 'Haus · Wärme', serial, medium: 'heat', unit: 'kWh', kind: 'register' });
    expect(created.status).toBe(201);
    meters[key] = created.body.id;
  }
  // Staff feed every meter, units' too: operational work needs the serials.
  const readings = ['WMZ-P-HOUSE', 'WMZ-P-TOP1', 'WMZ-P-TOP2'].flatMap((meter, i) => [
    { meter, at: '2026-11-10T00:00:00Z', value: 100 }, { meter, at: '2026-11-10T01:00:00Z', value: 101 + i },
  ]);
  expect((await sabine.request('POST', '/api/meters/readings', { readings })).body.accepted).toBe(6);
  for (const s of (await manager.request('GET', '/api/staff')).body as { email: string; userId: string }[]) staffIds[s.email] = s.userId;
});
afterAll(async () => { await ctx?.close(); });

/** The office sees the site's meter and nothing of the flats' (unknown, as if there were none). */
async function seesNoUnitMeters(session: Session) {
  expect((await session.request('GET', '/api/meters')).body.map((m: { id: string }) => m.id)).toEqual([meters.house]);
  expect((await session.request('GET', `/api/meters?siteId=${siteId}`)).body.map((m: { id: string }) => m.id)).toEqual([meters.house]);
  for (const id of [meters.top1, meters.top2]) {
    expect(await session.request('GET', `/api/meters/${id}`)).toMatchObject({ status: 404, body: { error: { code: 'meters.not_found' } } });
    expect(await session.request('GET', `/api/meters/${id}/consumption`)).toMatchObject({ status: 404, body: { error: { code: 'meters.not_found' } } });
    expect((await pdf(session, `/api/meters/${id}/report.pdf`)).status).toBe(404);
  }
  const report = await session.request('GET', `/api/sites/${siteId}/meter-report?month=${MONTH}`);
  expect(report.body.meters.map((m: { id: string }) => m.id)).toEqual([meters.house]);
  expectNothingPersonal(report.body);
  expect((await session.request('GET', `/api/meters/${meters.house}/consumption?period=hour&from=2026-11-10T00:00:00Z&to=2026-11-10T02:00:00Z`)).body.rows[0].consumption).toBe(1);
}

describe('without the option', () => {
  it('the office sees only the sites\' meters, cannot grant, and still adds and replaces a flat\'s meter', async () => {
    await setOption(false);
    await seesNoUnitMeters(manager);
    await seesNoUnitMeters(sabine);
    expect((await manager.request('GET', '/api/pseudonymised-access')).body).toEqual({ available: false, limit: 3, userIds: [] });
    expect(await manager.request('PUT', `/api/staff/${staffIds['staff@demo.test']}/pseudonymised-access`))
      .toMatchObject({ status: 409, body: { error: { code: 'pseudonymised_access.not_in_contract' } } });
    const replaced = await sabine.request('POST', `/api/meters/${meters.top2}/replacement`, { at: '2026-11-10T02:00:00Z', finalValue: 102, newSerial: 'WMZ-P-TOP2B', initialValue: 0 });
    expect(replaced.status).toBe(200);
    await seesNoUnitMeters(sabine);
  });
});

describe('with the option', () => {
  it('staff without a grant still see nothing of the flats', async () => {
    await setOption(true);
    expect((await manager.request('GET', '/api/pseudonymised-access')).body).toEqual({ available: true, limit: 3, userIds: [] });
    await seesNoUnitMeters(manager);
    await seesNoUnitMeters(sabine);
    expect((await manager.request('GET', '/api/staff')).body.every((s: { pseudonymisedAccess: boolean }) => !s.pseudonymisedAccess)).toBe(true);
  });

  it('a granted staff member reads the flats\' meters under stable pseudonyms, never their label, unit, serial or resident', async () => {
    const granted = await manager.request('PUT', `/api/staff/${staffIds['staff@demo.test']}/pseudonymised-access`);
    expect(granted).toEqual({ status: 200, body: { granted: true, available: true } });
    expect((await sabine.request('PUT', `/api/staff/${staffIds['staff@demo.test']}/pseudonymised-access`)).status).toBe(403);
    expect((await manager.request('GET', `/api/staff/${staffIds['staff@demo.test']}/pseudonymised-access`)).body).toEqual({ granted: true, available: true });
    const staff = (await manager.request('GET', '/api/staff')).body as { email: string; pseudonymisedAccess: boolean }[];
    expect(staff.map((s) => [s.email, s.pseudonymisedAccess]).sort()).toEqual([['manager@demo.test', false], ['staff@demo.test', true]]);

    const list = (await sabine.request('GET', '/api/meters')).body as { id: string; pseudonym: string | null; name: string; serial: string | null; unitId: string | null; unitLabel: string | null }[];
    expectNothingPersonal(list);
    expect(list[0]).toMatchObject({ id: meters.house, pseudonym: null, serial: 'WMZ-P-HOUSE' });
    const top1 = list.find((m) => m.id === meters.top1)!;
    const top2 = list.find((m) => m.id === meters.top2)!;
    for (const m of [top1, top2]) {
      expect(m).toMatchObject({ unitId: null, unitLabel: null, serial: null, pseudonym: expect.stringMatching(/^[0-9A-F]{6}$/) });
      expect(m.name).toBe(`Einheit ${m.pseudonym}`);
    }
    expect(top1.pseudonym).not.toBe(top2.pseudonym);

    // The same pseudonym on the meter's page, in its consumption, report and the site's report, and again later.
    const page = await sabine.request('GET', `/api/meters/${meters.top1}`);
    expect(page.body).toMatchObject({ pseudonym: top1.pseudonym, unitId: null, unitLabel: null, serial: null });
    expectNothingPersonal(page.body);
    const consumption = await sabine.request('GET', `/api/meters/${meters.top1}/consumption?period=hour&from=2026-11-10T00:00:00Z&to=2026-11-10T02:00:00Z`);
    expect(consumption.body.rows[0].consumption).toBe(2);
    expectNothingPersonal(consumption.body);
    const report = await pdf(sabine, `/api/meters/${meters.top1}/report.pdf?period=day&from=2026-11-09T23:00:00Z&to=2026-11-11T23:00:00Z`);
    expect(report.status).toBe(200);
    expect(report.disposition).toBe(`attachment; filename="consumption-unit-${top1.pseudonym}.pdf"`);
    expect(report.text).toContain(`Einheit ${top1.pseudonym}`);
    for (const secret of ['Top 1', 'WMZ-P-TOP1', 'Seriennummer']) expect(report.text).not.toContain(secret);
    const site = await sabine.request('GET', `/api/sites/${siteId}/meter-report?month=${MONTH}`);
    expectNothingPersonal(site.body);
    expect(site.body.meters.map((m: { id: string; pseudonym: string | null }) => [m.id, m.pseudonym]))
      .toEqual([[meters.house, null], ...[[meters.top1, top1.pseudonym], [meters.top2, top2.pseudonym]].sort((a, b) => a[1]!.localeCompare(b[1]!))]);
    expect(site.body.meters.find((m: { id: string }) => m.id === meters.top1)).toMatchObject({ month: 2, serial: null, unitLabel: null });
    expect((await sabine.request('GET', `/api/meters/${meters.top1}`)).body.pseudonym).toBe(top1.pseudonym);

    // The admin without a grant still sees nothing of the flats.
    await seesNoUnitMeters(manager);
  });

  it('a granted staff member\'s alarm rules name a flat\'s meter by its pseudonym; without the grant the rule is not there', async () => {
    const own = (await anna.request('GET', '/api/me/meters')).body.find((m: { id: string }) => m.id === meters.top1);
    expect(own).toMatchObject({ serial: 'WMZ-P-TOP1', unitLabel: 'Stiege 1 / Top 1', pseudonym: null });
    const rule = (await anna.request('POST', '/api/alarm-rules', { kind: 'flow', name: 'Rohrbruch', meterId: meters.top1, threshold: 5, channel: 'portal' })).body;
    const seen = (await sabine.request('GET', '/api/alarm-rules')).body.find((r: { id: string }) => r.id === rule.id);
    expect(seen.meterName).toMatch(/^Einheit [0-9A-F]{6}$/);
    expectNothingPersonal(await sabine.request('GET', '/api/alarm-rules'));
    expect((await manager.request('GET', '/api/alarm-rules')).body.map((r: { id: string }) => r.id)).not.toContain(rule.id);
    expect(await manager.request('POST', '/api/alarm-rules', { kind: 'flow', name: 'x', meterId: meters.top1, threshold: 5, channel: 'portal' }))
      .toMatchObject({ status: 404, body: { error: { code: 'meters.not_found' } } });
    expect((await manager.request('PATCH', `/api/alarm-rules/${rule.id}`, { threshold: 9 })).status).toBe(404);
  });

  it('covers three staff accounts: a fourth grant is refused until one is withdrawn; technicians get none', async () => {
    const extra = await asPlatform(ctx.deps.db, async (tx) => {
      const ids: string[] = [];
      for (const [email, role] of [['third@demo.test', 'manager_staff'], ['fourth@demo.test', 'manager_staff'], ['tech@demo.test', 'technician']] as const) {
        const user = await tx.insertInto('users').values({ email, password_hash: 'x', display_name: email, language: 'de', platform_role: null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null })
          .returning('id').executeTakeFirstOrThrow();
        await tx.insertInto('memberships').values({ tenant_id: tenantId, user_id: user.id, role, person_id: null }).execute();
        ids.push(user.id);
      }
      return ids;
    });
    const [third, fourth, technician] = extra as [string, string, string];
    const grant = (userId: string) => manager.request('PUT', `/api/staff/${userId}/pseudonymised-access`);
    expect(await grant(technician)).toMatchObject({ status: 409, body: { error: { code: 'pseudonymised_access.not_office_staff' } } });
    expect((await grant(staffIds['manager@demo.test']!)).status).toBe(200);
    expect((await grant(third)).status).toBe(200);
    expect((await grant(third)).status).toBe(200); // again: nothing changes
    expect(await grant(fourth)).toMatchObject({ status: 409, body: { error: { code: 'pseudonymised_access.limit_reached' } } });
    expect((await manager.request('GET', '/api/pseudonymised-access')).body.userIds.sort()).toEqual([staffIds['manager@demo.test'], staffIds['staff@demo.test'], third].sort());
    expect(await manager.request('DELETE', `/api/staff/${third}/pseudonymised-access`)).toEqual({ status: 200, body: { granted: false, available: true } });
    expect((await grant(fourth)).status).toBe(200);
    // Made a technician, a granted member loses the grant (and its place).
    expect((await manager.request('PATCH', `/api/staff/${fourth}`, { role: 'technician' })).status).toBe(200);
    expect((await manager.request('GET', '/api/pseudonymised-access')).body.userIds).not.toContain(fourth);
    // The admin, now granted, sees the same pseudonyms as Sabine.
    const pseudonyms = async (session: Session) => (await session.request('GET', '/api/meters')).body.map((m: { pseudonym: string | null }) => m.pseudonym);
    expect(await pseudonyms(manager)).toEqual(await pseudonyms(sabine));
  });

  it('ends with the option: the granted staff see the flats no more', async () => {
    await setOption(false);
    await seesNoUnitMeters(sabine);
    await setOption(true);
  });
});

describe('other readers', () => {
  it('another property manager sees none of it and cannot grant', async () => {
    expect((await regie.request('GET', '/api/meters')).body.map((m: { id: string }) => m.id)).not.toContain(meters.house);
    for (const id of Object.values(meters)) expect((await regie.request('GET', `/api/meters/${id}`)).status).toBe(404);
    expect((await regie.request('PUT', `/api/staff/${staffIds['staff@demo.test']}/pseudonymised-access`)).status).toBe(404);
    expect((await regie.request('GET', '/api/pseudonymised-access')).body).toEqual({ available: false, limit: 3, userIds: [] });
    expect((await regie.request('GET', `/api/sites/${siteId}/meter-report`)).status).toBe(404);
  });

  it('a resident sees their own flat\'s meter as before, and no grant endpoint', async () => {
    const own = (await anna.request('GET', '/api/me/meters')).body;
    expect(own.map((m: { id: string; serial: string; unitLabel: string; pseudonym: null }) => [m.id, m.serial, m.unitLabel, m.pseudonym])).toEqual([[meters.top1, 'WMZ-P-TOP1', 'Stiege 1 / Top 1', null]]);
    expect((await anna.request('GET', `/api/meters/${meters.top2}`)).status).toBe(404);
    expect((await anna.request('GET', '/api/pseudonymised-access')).status).toBe(403);
    expect((await anna.request('PUT', `/api/staff/${staffIds['staff@demo.test']}/pseudonymised-access`)).status).toBe(403);
  });
});
