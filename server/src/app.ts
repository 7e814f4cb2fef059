// Builds the HTTP application from explicit dependencies and registers every module.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';
import { sql } from 'kysely';
import type { Deps } from './deps.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerSessionResolution } from './http/session.ts';
import type { App } from './http/types.ts';
import { validatorCompiler } from './http/validation.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { authSecurityRoutes } from './modules/auth/auth.security.routes.ts';
import { invitationsRoutes } from './modules/invitations/invitations.routes.ts';
import { sitesRoutes } from './modules/sites/sites.routes.ts';
import { walletsRoutes } from './modules/wallets/wallets.routes.ts';
import { apiTokensRoutes } from './modules/apitokens/apitokens.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { paymentsRoutes } from './modules/payments/payments.routes.ts';
import { refundsRoutes } from './modules/refunds/refunds.routes.ts';
import { occupanciesRoutes } from './modules/occupancies/occupancies.routes.ts';
import { partiesRoutes } from './modules/parties/parties.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { pseudonymisedAccessRoutes } from './modules/pseudonymised-access/pseudonymised-access.routes.ts';
import { tenancyRoutes } from './modules/tenancy/tenancy.routes.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { bankingRoutes } from './modules/banking/banking.routes.ts';
import { bankImportRoutes } from './modules/bankimport/bankimport.routes.ts';
import { feesRoutes } from './modules/fees/fees.routes.ts';
import { invoicesRoutes } from './modules/invoices/invoices.routes.ts';
import { settlementsRoutes } from './modules/settlements/settlements.routes.ts';
import { statementsRoutes } from './modules/statements/statements.routes.ts';
import { authorizationRoutes } from './modules/authorization/authorization.routes.ts';
import { badgeStockRoutes } from './modules/badgestock/badgestock.routes.ts';
import { credentialsRoutes } from './modules/credentials/credentials.routes.ts';
import { badgeRequestsRoutes } from './modules/credentials/credentials.requests.routes.ts';
import { devicesRoutes } from './modules/devices/devices.routes.ts';
import { deviceCommandsRoutes } from './modules/devices/devices.commands.routes.ts';
import { deviceSettingsRoutes } from './modules/devices/devices.settings.routes.ts';
import { liveApplianceRoutes } from './modules/devices/devices.live.routes.ts';
import { tariffsRoutes } from './modules/tariffs/tariffs.routes.ts';
import { meteringRoutes } from './modules/metering/metering.routes.ts';
import { alarmsRoutes } from './modules/alarms/alarms.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { sessionsRoutes } from './modules/sessions/sessions.routes.ts';
import { locksRoutes } from './modules/locks/locks.routes.ts';
import { prepaidCodesRoutes } from './modules/prepaidcodes/prepaidcodes.routes.ts';
import { ticketsRoutes } from './modules/tickets/tickets.routes.ts';
import { privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { instructionsRoutes } from './modules/instructions/instructions.routes.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function createApp(deps: Deps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: deps.config.trustProxy,
    logController: new LogController({ disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace' }),
    // https and wss (OCPP security profile 2) on the same port; the API and gateway do not tell the difference.
    ...(deps.config.tls ? { https: deps.config.tls } : {}),
  } as FastifyHttpOptions<Server>).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  registerErrorHandling(app);
  registerMetrics(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Concierge API', version: '0.1.0', description: 'Shared services of residential buildings' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cz_session' }, token: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerSessionResolution(app, deps);

  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(deps.db);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  authRoutes(app, deps);
  authSecurityRoutes(app, deps);
  invitationsRoutes(app, deps);
  sitesRoutes(app, deps);
  walletsRoutes(app, deps);
  tenancyRoutes(app, deps);
  unitsRoutes(app, deps);
  peopleRoutes(app, deps);
  occupanciesRoutes(app, deps);
  partiesRoutes(app, deps);
  staffRoutes(app, deps);
  pseudonymisedAccessRoutes(app, deps);
  auditRoutes(app, deps);
  apiTokensRoutes(app, deps);
  mailRoutes(app, deps);
  bankingRoutes(app, deps);
  paymentsRoutes(app, deps);
  refundsRoutes(app, deps);
  bankImportRoutes(app, deps);
  feesRoutes(app, deps);
  invoicesRoutes(app, deps);
  settlementsRoutes(app, deps);
  statementsRoutes(app, deps);
  authorizationRoutes(app, deps);
  badgeStockRoutes(app, deps);
  credentialsRoutes(app, deps);
  badgeRequestsRoutes(app, deps);
  devicesRoutes(app, deps);
  deviceCommandsRoutes(app, deps);
  deviceSettingsRoutes(app, deps);
  liveApplianceRoutes(app, deps);
  tariffsRoutes(app, deps);
  meteringRoutes(app, deps);
  alarmsRoutes(app, deps);
  notificationsRoutes(app, deps);
  sessionsRoutes(app, deps);
  locksRoutes(app, deps);
  prepaidCodesRoutes(app, deps);
  ticketsRoutes(app, deps);
  privacyRoutes(app, deps);
  instructionsRoutes(app, deps);

  serveWeb(app, resolve(deps.config.webDist));
  return app;
}

/** The built web portal, with every unknown non-API GET answered by index.html (client routing). */
function serveWeb(app: App, dist: string): void {
  if (!existsSync(resolve(dist, 'index.html'))) return;
  void app.register(fastifyStatic, { root: dist, wildcard: false, index: 'index.html' });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/') || path.includes('.')) {
      return reply.status(404).send({ error: { code: 'route.not_found', message: `No route GET ${path}`, fields: [] } });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
