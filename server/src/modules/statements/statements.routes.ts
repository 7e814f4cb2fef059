import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import type { App } from '../../http/types.ts';
import { renderStatementPdf } from './statements.pdf.ts';
import { monthStatements, personStatement, statementsCsv, type Statement } from './statements.usecases.ts';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const MonthQuery = Type.Object({ period: Month }, { additionalProperties: false });
const PersonParams = Type.Object({ personId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const StatementSummary = Type.Object({
  personId: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  charges: Type.Integer(),
  netMinor: Type.Integer(),
  vatMinor: Type.Integer(),
  grossMinor: Type.Integer(),
});

const MonthOut = Type.Object({
  period: Type.String(),
  currency: Type.String(),
  pricesIncludeVat: Type.Boolean(),
  statements: Type.Array(StatementSummary),
  netMinor: Type.Integer(),
  vatMinor: Type.Integer(),
  grossMinor: Type.Integer(),
});

const summary = (s: Statement) => ({ personId: s.personId, customerNumber: s.customerNumber, name: s.name, charges: s.lines.length, netMinor: s.netMinor, vatMinor: s.vatMinor, grossMinor: s.grossMinor });
const sum = (statements: Statement[], key: 'netMinor' | 'vatMinor' | 'grossMinor') => statements.reduce((total, s) => total + s[key], 0);

export function statementsRoutes(app: App, deps: Deps): void {
  const tags = ['statements'];

  app.get('/api/statements', { schema: { tags, summary: 'Owner statements mode: every resident\'s postpaid consumption of a month, for the owner to bill', querystring: MonthQuery, response: { 200: MonthOut } } }, async (request) => {
    const all = await monthStatements(deps, requireTenantActor(request.actor), request.query.period);
    return {
      period: all.period, currency: all.currency, pricesIncludeVat: all.pricesIncludeVat, statements: all.statements.map(summary),
      netMinor: sum(all.statements, 'netMinor'), vatMinor: sum(all.statements, 'vatMinor'), grossMinor: sum(all.statements, 'grossMinor'),
    };
  });

  app.get('/api/statements/export', { schema: { tags, summary: 'The month\'s charges as CSV, a line each, for the owner\'s billing software', querystring: MonthQuery, produces: ['text/csv'] } }, async (request, reply) => {
    const all = await monthStatements(deps, requireTenantActor(request.actor), request.query.period);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="statements-${all.period}.csv"`)
      .header('cache-control', 'private, no-store').send(statementsCsv(all));
  });

  app.get('/api/statements/:personId/pdf', { schema: { tags, summary: 'One resident\'s consumption statement of a month as PDF, in their language', params: PersonParams, querystring: MonthQuery, produces: ['application/pdf'] } }, async (request, reply) => {
    const { month, statement } = await personStatement(deps, requireTenantActor(request.actor), request.query.period, request.params.personId);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="statement-${statement.customerNumber}-${month.period}.pdf"`)
      .header('cache-control', 'private, no-store').send(await renderStatementPdf(month, statement));
  });
}
