// Prometheus metrics at GET /metrics: process metrics, HTTP requests by route pattern and
// status, and login outcomes. Each app has its own registry, so tests can build many apps.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const LOGIN_ROUTE = '/api/auth/login';

// Error codes of the login route, as the outcome label; anything else counts as "error".
const LOGIN_OUTCOMES: Record<string, string> = {
  'auth.invalid_credentials': 'invalid_credentials',
  'auth.locked': 'locked',
  'request.rate_limited': 'rate_limited',
  'request.invalid_body': 'invalid_request',
  'request.malformed_json': 'invalid_request',
};

export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total', help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'], registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds', help: 'Time to answer HTTP requests, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  const logins = new Counter({
    name: 'concierge_logins_total', help: 'Password logins, by outcome', labelNames: ['outcome'], registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The pattern, never the raw URL: ids in paths would make one series per object.
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  // The outcome is read from the answer, so the auth module stays free of metrics plumbing.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'POST' && request.routeOptions.url === LOGIN_ROUTE) logins.inc({ outcome: loginOutcome(reply.statusCode, payload) });
    return payload;
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}

function loginOutcome(status: number, payload: unknown): string {
  let body: { secondFactorRequired?: boolean; error?: { code?: string } } = {};
  try {
    if (typeof payload === 'string') body = JSON.parse(payload);
  } catch {
    // not JSON: fall through to the status alone
  }
  if (status === 200) return body.secondFactorRequired ? 'second_factor_required' : 'success';
  return LOGIN_OUTCOMES[body.error?.code ?? ''] ?? (status === 429 ? 'rate_limited' : 'error');
}
