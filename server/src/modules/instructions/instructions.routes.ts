import type { Deps } from '../../deps.ts';
import type { Language } from '../../db/schema.ts';
import { requireTenantActor } from '../../http/actor.ts';
import type { App } from '../../http/types.ts';
import { InstructionsQuery, RoomParams } from './instructions.schemas.ts';
import { instructionsPdf } from './instructions.usecases.ts';

const tags = ['instructions'];

export function instructionsRoutes(app: App, deps: Deps): void {
  app.get('/api/sites/:siteId/units/:unitId/instructions.pdf', {
    schema: { tags, summary: 'Printable instructions of a laundry room or garage: one page per language (the site\'s, or ?languages=de,en), with prices and a QR code to the portal',
      params: RoomParams, querystring: InstructionsQuery, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const languages = request.query.languages ? [...new Set(request.query.languages.split(','))] as Language[] : undefined;
    const { fileName, pdf } = await instructionsPdf(deps, requireTenantActor(request.actor), { ...request.params, ...(languages && { languages }) });
    return reply.type('application/pdf').headers({ 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'private, no-store' }).send(pdf);
  });
}
