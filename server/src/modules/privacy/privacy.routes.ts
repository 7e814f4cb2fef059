// Self-service data protection for any login: export, deletion request, confirmation.
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/actor.ts';
import { Ok, type App } from '../../http/types.ts';
import { confirmDeletion, exportOwnData, requestDeletion } from './privacy.usecases.ts';

const tags = ['privacy'];
const ok = { ok: true as const };
const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export function privacyRoutes(app: App, deps: Deps): void {
  app.get('/api/privacy/export', { schema: { tags, summary: 'Your data as a ZIP archive: data.json with every section, one CSV per table' } }, async (request, reply) => {
    const archive = await exportOwnData(deps, requireActor(request.actor));
    const day = deps.clock.now().toISOString().slice(0, 10);
    return reply.type('application/zip').header('content-disposition', `attachment; filename="concierge-data-${day}.zip"`)
      .header('cache-control', 'no-store').send(Buffer.from(archive));
  });

  app.post('/api/privacy/deletion', {
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Ask to delete your account: mails a confirmation link (refused while money or unpaid invoices are open)', response: { 202: Ok } },
  }, async (request, reply) => {
    await requestDeletion(deps, requireActor(request.actor));
    return reply.status(202).send(ok);
  });

  app.post('/api/privacy/deletion/confirm', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Delete the account with the mailed link: personal data erased, bookkeeping kept without a name', body: TokenBody, response: { 200: Ok } },
  }, async (request) => {
    await confirmDeletion(deps, request.body.token);
    return ok;
  });
}
