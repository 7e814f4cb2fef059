import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext({ demo: false }); });
afterAll(async () => { await ctx.close(); });

it('answers /health once the database is migrated', async () => {
  const response = await ctx.app.inject({ method: 'GET', url: '/health' });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ status: 'ok' });
});

it('publishes an OpenAPI 3 document generated from the route schemas, and browsable docs', async () => {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  const document = response.json();
  expect(document.openapi).toMatch(/^3\./);
  expect(document.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
  expect(document.paths['/api/sites/{id}'].patch).toBeDefined();
  const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
  expect(docs.statusCode).toBe(200);
  expect(docs.headers['content-type']).toContain('text/html');
});
