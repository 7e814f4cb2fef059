import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentBankAccount, presentBankDetails } from './banking.presenters.ts';
import { BankAccountInput, BankAccountOut, BankDetailsOut } from './banking.schemas.ts';
import { getBankAccount, setBankAccount } from './banking.usecases.ts';
import { ownBankDetails, ownPaymentSlip, paymentSlipFor } from './slips.usecases.ts';

const tags = ['banking'];
const pdf = { produces: ['application/pdf'] };

export function bankingRoutes(app: App, deps: Deps): void {
  app.get('/api/tenant/bank-account', { schema: { tags, summary: 'The bank account residents transfer top-ups to (null until set up)', response: { 200: Type.Union([BankAccountOut, Type.Null()]) } } }, async (request) => {
    const account = await getBankAccount(deps, requireTenantActor(request.actor));
    return account ? presentBankAccount(account) : null;
  });

  app.put('/api/tenant/bank-account', { schema: { tags, summary: 'Set the bank account for top-ups (admin)', body: BankAccountInput, response: { 200: BankAccountOut } } }, async (request) => {
    return presentBankAccount(await setBankAccount(deps, requireTenantActor(request.actor), request.body));
  });

  app.get('/api/wallet/bank-details', { schema: { tags, summary: 'Where and with which reference to transfer money to your wallet', response: { 200: BankDetailsOut } } }, async (request) => {
    return presentBankDetails(await ownBankDetails(deps, requireTenantActor(request.actor)));
  });

  app.get('/api/wallet/slip.pdf', { schema: { tags, summary: 'Your payment slip for topping up by bank transfer (PDF)', ...pdf } }, async (request, reply) => {
    const slip = await ownPaymentSlip(deps, requireTenantActor(request.actor));
    return sendPdf(reply, slip.pdf, `slip-${slip.instructions.customerNumber}.pdf`);
  });

  app.get('/api/people/:id/slip.pdf', { schema: { tags, summary: 'A customer\'s payment slip for topping up by bank transfer (PDF)', params: IdParams, ...pdf } }, async (request, reply) => {
    const slip = await paymentSlipFor(deps, requireTenantActor(request.actor), request.params.id);
    return sendPdf(reply, slip.pdf, `slip-${slip.instructions.customerNumber}.pdf`);
  });
}

function sendPdf(reply: FastifyReply, body: Buffer, filename: string) {
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).header('cache-control', 'private, no-store').send(body);
}
