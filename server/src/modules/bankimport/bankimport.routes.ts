import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentEntry, presentStatement } from './bankimport.presenters.ts';
import { assignEntry, listEntries, returnEntry } from './bankimport.review.usecases.ts';
import {
  AssignInput, EntriesQuery, EntryOut, ImportReportOut, ReturnInput, StatementOut, StatementXml, UploadQuery,
} from './bankimport.schemas.ts';
import { importStatement, listStatements } from './bankimport.usecases.ts';

const tags = ['bank'];
/** A year of daily statements for a busy account fits; the rest of the API keeps the 1 MiB limit. */
export const STATEMENT_BODY_LIMIT = 10 * 1024 * 1024;

export function bankImportRoutes(app: App, deps: Deps): void {
  // Its own plugin scope, so the XML body parser exists only for these routes.
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: STATEMENT_BODY_LIMIT },
      (_request, body, done) => done(null, body));

    scope.post('/api/bank/statements', {
      bodyLimit: STATEMENT_BODY_LIMIT,
      schema: {
        tags, summary: 'Import a camt.053 or camt.054 bank file (the XML as the body)', querystring: UploadQuery, body: StatementXml,
        response: { 200: ImportReportOut, 201: ImportReportOut },
      },
    }, async (request, reply) => {
      const report = await importStatement(deps, requireTenantActor(request.actor), { fileName: request.query.fileName ?? 'statement.xml', xml: request.body });
      return reply.status(report.alreadyImported ? 200 : 201).send(report);
    });

    scope.get('/api/bank/statements', { schema: { tags, summary: 'Imported bank files, newest first', response: { 200: Type.Array(StatementOut) } } }, async (request) => {
      return (await listStatements(deps, requireTenantActor(request.actor))).map(presentStatement);
    });

    scope.get('/api/bank/entries', { schema: { tags, summary: 'Bank credits, e.g. the review queue (status=review)', querystring: EntriesQuery, response: { 200: Type.Array(EntryOut) } } }, async (request) => {
      return (await listEntries(deps, requireTenantActor(request.actor), request.query)).map(presentEntry);
    });

    scope.post('/api/bank/entries/:id/assign', { schema: { tags, summary: 'Credit a reviewed entry to a person\'s wallet', params: IdParams, body: AssignInput, response: { 200: EntryOut } } }, async (request) => {
      return presentEntry(await assignEntry(deps, requireTenantActor(request.actor), request.params.id, request.body.personId));
    });

    scope.post('/api/bank/entries/:id/return', { schema: { tags, summary: 'Mark a reviewed entry as returned to the payer', params: IdParams, body: ReturnInput, response: { 200: EntryOut } } }, async (request) => {
      return presentEntry(await returnEntry(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
    });
  });
}
