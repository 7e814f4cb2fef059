import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMetrics } from './metrics.ts';
import { createTestContext, login, type TestContext } from '../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function scrape(): Promise<string> {
  const response = await ctx.app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return response.body;
}

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  it('exposes process metrics in the Prometheus text format', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });

  it('counts requests by route pattern and status, not by raw URL', async () => {
    const session = await login(ctx.app, 'manager@demo.test');
    const id = '00000000-0000-4000-8000-000000000000';
    await session.request('GET', `/api/sites/${id}`);
    await ctx.app.inject({ method: 'GET', url: '/health' });
    const text = await scrape();
    expect(value(text, 'http_requests_total{method="GET",route="/api/sites/:id",status="404"}')).toBe(1);
    expect(value(text, 'http_requests_total{method="GET",route="/health",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(id);
    expect(value(text, 'http_request_duration_seconds_count{method="GET",route="/health",status="200"}')).toBeGreaterThanOrEqual(1);
  });

  it('counts logins by outcome', async () => {
    const before = await scrape();
    await login(ctx.app, 'staff@demo.test');
    await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'staff@demo.test', password: 'wrong-password' } });
    await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'staff@demo.test' } });
    const after = await scrape();
    for (const outcome of ['success', 'invalid_credentials', 'invalid_request']) {
      const series = `concierge_logins_total{outcome="${outcome}"}`;
      expect(value(after, series) - value(before, series), outcome).toBe(1);
    }
  });

  it('keeps a separate registry per app, so several apps live in one process', async () => {
    const apps = [Fastify(), Fastify()];
    apps.forEach((app) => registerMetrics(app));
    await apps[0]!.inject({ method: 'GET', url: '/nowhere' });
    const texts = await Promise.all(apps.map(async (app) => (await app.inject({ method: 'GET', url: '/metrics' })).body));
    expect(value(texts[0]!, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(value(texts[1]!, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(0);
    await Promise.all(apps.map((app) => app.close()));
  });
});
