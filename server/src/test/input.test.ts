// Bad input never reaches a use case and never becomes a 500: each kind of mistake has its own
// 4xx status and stable code, with the offending field named where there is one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../app.ts';
import { createTestContext, login, type Session, type TestContext } from './app.ts';

let ctx: TestContext;
let manager: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
});
afterAll(async () => { await ctx.close(); });

const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: string, contentType = 'application/json') =>
  ctx.app.inject({ method, url, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, ...(payload !== undefined && { 'content-type': contentType }) }, payload });
const site = { name: 'Neubau', street: 'Gasse 1', postalCode: '1010', city: 'Wien', country: 'AT' };

describe('bad input', () => {
  it('answers malformed JSON with 400 request.malformed_json', async () => {
    const response = await send('POST', '/api/sites', '{"name": "Neubau",');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('request.malformed_json');
  });

  it('answers a wrong type with 400 request.invalid_body naming the field', async () => {
    const response = await manager.request('POST', '/api/sites', { ...site, postalCode: 1010 });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body', fields: [{ field: 'postalCode' }] } } });
    const nested = await manager.request('POST', '/api/units', { siteId: '00000000-0000-4000-8000-000000000000', kind: 'flat', label: ['Top 1'] });
    expect(nested.body.error.fields[0].field).toBe('label');
  });

  it('answers a missing field with 400 naming it', async () => {
    const { city: _, ...withoutCity } = site;
    const response = await manager.request('POST', '/api/sites', withoutCity);
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body', fields: [{ field: 'city' }] } } });
  });

  it('answers an unknown field with 400 naming it', async () => {
    const response = await manager.request('POST', '/api/sites', { ...site, colour: 'blue' });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body', fields: [{ field: 'colour', message: 'unknown field' }] } } });
    const query = await manager.request('GET', '/api/people?colour=blue');
    expect(query).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_query', fields: [{ field: 'colour' }] } } });
  });

  it('answers a body over 1 MiB with 413 request.too_large', async () => {
    const response = await send('POST', '/api/sites', JSON.stringify({ ...site, name: 'x'.repeat(BODY_LIMIT_BYTES) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('request.too_large');
  });

  it('answers an unknown route with 404 route.not_found', async () => {
    const response = await manager.request('GET', '/api/nothing-here');
    expect(response).toMatchObject({ status: 404, body: { error: { code: 'route.not_found' } } });
    expect((await manager.request('PUT', '/api/sites')).body.error.code).toBe('route.not_found');
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) {
      const response = await send('POST', '/api/sites', JSON.stringify(site), contentType);
      expect({ contentType, status: response.statusCode, code: response.json().error.code })
        .toEqual({ contentType, status: 415, code: 'request.unsupported_media_type' });
    }
  });

  it('answers a malformed id with 400 request.invalid_params', async () => {
    const response = await manager.request('GET', '/api/sites/not-a-uuid');
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_params', fields: [{ field: 'id' }] } } });
    const staff = await manager.request('DELETE', '/api/staff/123');
    expect(staff.body.error).toMatchObject({ code: 'request.invalid_params', fields: [{ field: 'userId' }] });
  });

  it('answers a malformed query value with 400 request.invalid_query', async () => {
    const response = await manager.request('GET', '/api/audit?page=zero');
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_query', fields: [{ field: 'page' }] } } });
  });
});
