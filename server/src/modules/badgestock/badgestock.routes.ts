import { Type } from 'typebox';
import type { FastifyError } from 'fastify';
import type { Deps } from '../../deps.ts';
import { requireOperator, requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { registerBuildingBadge } from './badgestock.building.usecases.ts';
import { decodeCsv } from './badgestock.csv.ts';
import { fileTooLarge } from './badgestock.errors.ts';
import { MAX_FILE_BYTES } from './badgestock.limits.ts';
import { presentBuildingBadge, presentDuplicates, presentImport, presentImported, presentRefused, presentStockBadge } from './badgestock.presenters.ts';
import {
  BadgeCsv, BuildingBadgeInput, BuildingBadgeOut, DuplicateOut, ImportedOut, ImportOut, RefusedOut, StockPageOut, StockQuery, UploadQuery,
} from './badgestock.schemas.ts';
import {
  crossTenantDuplicates, importBadges, importBadgesAsOperator, listImports, listImportsAsOperator, listStock,
} from './badgestock.usecases.ts';

const tags = ['badges'];
const operator = ['operator'];
const importResponses = { 201: ImportedOut, 422: RefusedOut };
// Spreadsheets and `curl --data-binary` send CSV under any of these names.
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];

export function badgeStockRoutes(app: App, deps: Deps): void {
  // Its own plugin scope, so the CSV body parser and its larger limit exist only for these routes.
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
      (_request, body, done) => done(null, decodeCsv(body as Buffer)));
    scope.setErrorHandler((error: FastifyError) => {
      throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? fileTooLarge() : error;
    });

    scope.post('/api/badge-stock/imports', {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags, summary: 'Import badge UIDs into your stock (CSV: uid;label;technology). Refused whole, with a report of every bad row, if any row is wrong',
        querystring: UploadQuery, body: BadgeCsv, response: importResponses,
      },
    }, async (request, reply) => {
      const input = { fileName: request.query.fileName ?? 'badges.csv', text: request.body };
      const outcome = await importBadges(deps, requireTenantActor(request.actor), input);
      return outcome.imported ? reply.status(201).send(presentImported(outcome)) : reply.status(422).send(presentRefused(outcome));
    });

    scope.post('/api/operator/badge-stock/imports', {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags: operator, summary: 'Import badge UIDs and assign each to the property manager its manager column names (CSV: uid;label;technology;manager)',
        querystring: UploadQuery, body: BadgeCsv, response: importResponses,
      },
    }, async (request, reply) => {
      const input = { fileName: request.query.fileName ?? 'badges.csv', text: request.body };
      const outcome = await importBadgesAsOperator(deps, requireOperator(request.actor), input);
      return outcome.imported ? reply.status(201).send(presentImported(outcome)) : reply.status(422).send(presentRefused(outcome));
    });
  });

  app.get('/api/badge-stock', { schema: { tags, summary: 'Badges in stock (imported, not issued), by label; search by UID or label', querystring: StockQuery, response: { 200: StockPageOut } } }, async (request) => {
    const page = await listStock(deps, requireTenantActor(request.actor), request.query);
    return { page: page.page, pageSize: page.pageSize, total: page.total, badges: page.rows.map(presentStockBadge) };
  });

  app.get('/api/badge-stock/imports', { schema: { tags, summary: 'Badge lists imported into your stock, newest first', response: { 200: Type.Array(ImportOut) } } }, async (request) => {
    return (await listImports(deps, requireTenantActor(request.actor))).map(presentImport);
  });

  app.get('/api/operator/badge-stock/imports', { schema: { tags: operator, summary: 'Badge lists imported for every property manager, newest first', response: { 200: Type.Array(ImportOut) } } }, async (request) => {
    return (await listImportsAsOperator(deps, requireOperator(request.actor))).map(presentImport);
  });

  app.get('/api/operator/badges/duplicates', { schema: { tags: operator, summary: 'UIDs held by more than one property manager (in stock or issued)', response: { 200: Type.Array(DuplicateOut) } } }, async (request) => {
    return presentDuplicates(await crossTenantDuplicates(deps, requireOperator(request.actor)));
  });

  app.post('/api/people/:id/building-badges', {
    schema: { tags, summary: 'Register a badge the building already uses as the person\'s credential (owner_statements only; no fee)', params: IdParams, body: BuildingBadgeInput, response: { 201: BuildingBadgeOut } },
  }, async (request, reply) => {
    return reply.status(201).send(presentBuildingBadge(await registerBuildingBadge(deps, requireTenantActor(request.actor), request.params.id, request.body)));
  });
}
