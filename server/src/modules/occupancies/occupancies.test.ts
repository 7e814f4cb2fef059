import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
let unitId: string;
let personId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  const site = (await manager.request('GET', '/api/sites')).body.find((s: { name: string }) => s.name === 'Wohnpark Simmering');
  unitId = (await manager.request('GET', `/api/sites/${site.id}/units`)).body.find((u: { label: string }) => u.label === 'Top 2').id;
  personId = (await manager.request('POST', '/api/people', { firstName: 'Jan', lastName: 'Novak', language: 'en' })).body.id;
});
afterAll(async () => { await ctx.close(); });

describe('occupancies', () => {
  it('moves a person in, ends the occupancy and shows it on the person', async () => {
    const created = await manager.request('POST', '/api/occupancies', { unitId, personId, relation: 'tenant', startsOn: '2025-03-01' });
    expect(created).toMatchObject({ status: 201, body: { unitId, personId, startsOn: '2025-03-01', endsOn: null } });
    const ended = await manager.request('PATCH', `/api/occupancies/${created.body.id}`, { endsOn: '2025-12-31' });
    expect(ended.body.endsOn).toBe('2025-12-31');
    const person = (await manager.request('GET', `/api/people/${personId}`)).body;
    expect(person.occupancies).toMatchObject([{ unitLabel: 'Top 2', siteName: 'Wohnpark Simmering', startsOn: '2025-03-01', endsOn: '2025-12-31' }]);
  });

  it('refuses an overlapping occupancy of the same person in the same unit, allows a later one', async () => {
    const overlap = await manager.request('POST', '/api/occupancies', { unitId, personId, relation: 'tenant', startsOn: '2025-12-31' });
    expect(overlap).toMatchObject({ status: 409, body: { error: { code: 'occupancies.overlap' } } });
    const later = await manager.request('POST', '/api/occupancies', { unitId, personId, relation: 'owner', startsOn: '2026-01-01' });
    expect(later.status).toBe(201);
    // Extending the first one into the second is an overlap too.
    const [first] = (await manager.request('GET', `/api/people/${personId}`)).body.occupancies.filter((o: { endsOn: string | null }) => o.endsOn);
    expect((await manager.request('PATCH', `/api/occupancies/${first.id}`, { endsOn: null })).status).toBe(409);
    expect((await manager.request('DELETE', `/api/occupancies/${later.body.id}`)).status).toBe(200);
    expect((await manager.request('PATCH', `/api/occupancies/${first.id}`, { endsOn: null })).status).toBe(200);
  });

  it('refuses an end before the start and an impossible date', async () => {
    const backwards = await manager.request('POST', '/api/occupancies', { unitId, personId, relation: 'tenant', startsOn: '2030-05-01', endsOn: '2030-04-30' });
    expect(backwards).toMatchObject({ status: 400, body: { error: { code: 'occupancies.ends_before_start', fields: [{ field: 'endsOn' }] } } });
    const impossible = await manager.request('POST', '/api/occupancies', { unitId, personId, relation: 'tenant', startsOn: '2030-02-30' });
    expect(impossible).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body', fields: [{ field: 'startsOn' }] } } });
  });

  it('show a resident the units they occupy today, and nobody else\'s', async () => {
    const anna = await login(ctx.app, 'resident@demo.test');
    const own = await anna.request('GET', '/api/me/units');
    expect(own.status).toBe(200);
    expect(own.body.map((u: { kind: string; label: string }) => `${u.kind}:${u.label}`)).toContain('parking_space:Stellplatz 14');
    expect(own.body.every((u: { siteName: string }) => u.siteName.length > 0)).toBe(true);
    // Staff act for no person: no units of their own.
    expect((await manager.request('GET', '/api/me/units')).body).toEqual([]);
  });
});
