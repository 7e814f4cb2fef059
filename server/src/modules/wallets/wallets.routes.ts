import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { Body, Uuid, type App } from '../../http/types.ts';
import type { Language } from '../../db/schema.ts';
import { statementCsv, statementPdf } from './wallets.statement.ts';
import {
  adjustWallet, chargeFee, decideTransfer, listTransferRequests, requestTransfer, searchWallets, walletStatement, walletSummary,
} from './wallets.usecases.ts';

const tags = ['wallets'];
const StatementQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('pdf')])),
}, { additionalProperties: false });
const PersonParams = Type.Object({ personId: Uuid }, { additionalProperties: false });
const WalletOut = Type.Object({
  personId: Type.String(), customerNumber: Type.String(), name: Type.String(), currency: Type.String(),
  posted: Type.Integer(), pendingDebits: Type.Integer(), available: Type.Integer(), inDebt: Type.Boolean(),
});
const BalanceOut = Type.Object({ currency: Type.String(), posted: Type.Integer(), pendingDebits: Type.Integer(), available: Type.Integer(), inDebt: Type.Boolean() });

/** `to` is exclusive: a statement "until 2026-03-31" includes that whole day. */
function period(query: { from?: string; to?: string }) {
  const to = query.to ? new Date(`${query.to}T00:00:00Z`) : null;
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  return { from: query.from ? new Date(`${query.from}T00:00:00Z`) : null, to };
}

export function walletsRoutes(app: App, deps: Deps): void {
  const sendStatement = async (reply: import('fastify').FastifyReply, statement: Awaited<ReturnType<typeof walletStatement>>, format: string, range: ReturnType<typeof period>) => {
    const language = statement.person.language as Language;
    const name = `statement-${statement.person.customer_number}`;
    if (format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(statementCsv(statement, language));
    }
    if (format === 'pdf') {
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(await statementPdf(statement, language, range));
    }
    return {
      currency: statement.currency, opening: statement.opening, closing: statement.closing,
      lines: statement.lines.map((l) => ({ ...l, at: l.at.toISOString() })),
    };
  };

  app.get('/api/wallet', { schema: { tags, summary: 'My wallet: balance, held amounts, debt', response: { 200: WalletOut } } }, async (request) =>
    walletSummary(deps, requireTenantActor(request.actor), null));

  app.get('/api/wallet/statement', {
    schema: { tags, summary: 'My statement (format=csv or pdf to download)', querystring: StatementQuery },
  }, async (request, reply) => {
    const range = period(request.query);
    return sendStatement(reply, await walletStatement(deps, requireTenantActor(request.actor), null, range), request.query.format ?? 'json', range);
  });

  app.post('/api/wallet/transfers', {
    schema: { tags, summary: 'Send part of my balance to a neighbour (held until they accept)', body: Body({ id: Uuid, to: Type.String({ minLength: 3, maxLength: 40 }), amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_00 }) }) },
  }, async (request, reply) => reply.status(201).send(await requestTransfer(deps, requireTenantActor(request.actor), request.body)));

  app.get('/api/wallet/transfers', { schema: { tags, summary: 'Balance transfers I sent or received' } }, async (request) =>
    (await listTransferRequests(deps, requireTenantActor(request.actor))).map((r) => ({
      id: r.id, amount: Number(r.amount), status: r.status, createdAt: new Date(r.created_at).toISOString(),
      direction: r.from_person_id === request.actor!.personId ? 'sent' : 'received', fromName: r.from_name, toName: r.to_name,
    })));

  for (const decision of ['accept', 'decline', 'cancel'] as const) {
    app.post(`/api/wallet/transfers/:id/${decision}`, {
      schema: { tags, summary: `${decision[0]!.toUpperCase()}${decision.slice(1)} a balance transfer`, params: Type.Object({ id: Uuid }, { additionalProperties: false }) },
    }, async (request) => decideTransfer(deps, requireTenantActor(request.actor), (request.params as { id: string }).id, decision));
  }

  app.get('/api/wallets', {
    schema: { tags, summary: 'Find wallets by name or customer number', querystring: Type.Object({ search: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }) },
  }, async (request) => (await searchWallets(deps, requireTenantActor(request.actor), request.query.search)).map((w) => ({
    personId: w.person_id, customerNumber: w.customer_number, name: `${w.first_name} ${w.last_name}`, email: w.email,
    posted: Number(w.posted), pendingDebits: Number(w.pending), available: Number(w.posted) - Number(w.pending),
  })));

  app.get('/api/wallets/:personId', { schema: { tags, summary: "A resident's wallet", params: PersonParams, response: { 200: WalletOut } } }, async (request) =>
    walletSummary(deps, requireTenantActor(request.actor), request.params.personId));

  app.get('/api/wallets/:personId/statement', {
    schema: { tags, summary: "A resident's statement", params: PersonParams, querystring: StatementQuery },
  }, async (request, reply) => {
    const range = period(request.query);
    return sendStatement(reply, await walletStatement(deps, requireTenantActor(request.actor), request.params.personId, range), request.query.format ?? 'json', range);
  });

  app.post('/api/wallets/:personId/adjustments', {
    schema: {
      tags, summary: 'Credit (positive) or debit (negative) a wallet by hand, with a reason', params: PersonParams,
      body: Body({ id: Uuid, amountMinor: Type.Integer({ minimum: -100_000_00, maximum: 100_000_00 }), reason: Type.String({ minLength: 3, maxLength: 300 }) }),
      response: { 200: BalanceOut },
    },
  }, async (request) => adjustWallet(deps, requireTenantActor(request.actor), request.params.personId, request.body));

  app.post('/api/wallets/:personId/fees', {
    schema: {
      tags, summary: 'Charge a one-off fee (never refunded)', params: PersonParams,
      body: Body({ id: Uuid, amountMinor: Type.Integer({ minimum: 1, maximum: 10_000_00 }), description: Type.String({ minLength: 3, maxLength: 200 }) }),
      response: { 200: BalanceOut },
    },
  }, async (request) => chargeFee(deps, requireTenantActor(request.actor), request.params.personId, request.body));
}
