import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireOperator, requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentContract, presentSettlement, presentSettlementDetail, presentSiteAccount } from './settlements.presenters.ts';
import {
  getOwnContract, getOwnSettlement, listAllSettlements, listContracts, listOwnSettlements, operatorPayoutFile, operatorStatementPdf,
  ownPayoutFile, ownStatementPdf, saveContractAsOperator, setSiteAccount, setSplit,
} from './settlements.queries.ts';
import {
  ContractInput, ContractOut, OperatorContractOut, OperatorSettlementOut, OwnContractOut, SettlementDetailOut, SettlementOut, SettlementRunInput,
  SettlementRunOut, SiteAccountInput, SiteAccountOut, SiteParams, SplitInput, TenantSettlementParams,
} from './settlements.schemas.ts';
import { runSettlement } from './settlements.usecases.ts';

const pdfHeaders = (fileName: string) => ({ 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'private, no-store' });

export function settlementsRoutes(app: App, deps: Deps): void {
  const tags = ['settlements'];
  const own = async (actor: Parameters<typeof getOwnContract>[1]) => {
    const { contract, siteAccounts } = await getOwnContract(deps, actor);
    return { contract: contract ? presentContract(contract) : null, siteAccounts: siteAccounts.map(presentSiteAccount) };
  };

  app.get('/api/settlements', { schema: { tags, summary: 'Your settlements, newest first', response: { 200: Type.Array(SettlementOut) } } }, async (request) => {
    return (await listOwnSettlements(deps, requireTenantActor(request.actor))).map(presentSettlement);
  });

  app.get('/api/settlements/:id', { schema: { tags, summary: 'One settlement with its lines per site', params: IdParams, response: { 200: SettlementDetailOut } } }, async (request) => {
    const { settlement, lines } = await getOwnSettlement(deps, requireTenantActor(request.actor), request.params.id);
    return presentSettlementDetail(settlement, lines);
  });

  app.get('/api/settlements/:id/statement', { schema: { tags, summary: 'The settlement statement as PDF', params: IdParams, produces: ['application/pdf'] } }, async (request, reply) => {
    const { settlement, pdf } = await ownStatementPdf(deps, requireTenantActor(request.actor), request.params.id);
    return reply.type('application/pdf').headers(pdfHeaders(`settlement-${settlement.period}.pdf`)).send(pdf);
  });

  app.get('/api/settlements/:id/payout-file', { schema: { tags, summary: 'The payout as a pain.001 credit-transfer file', params: IdParams, produces: ['application/xml'] } }, async (request, reply) => {
    const file = await ownPayoutFile(deps, requireTenantActor(request.actor), request.params.id);
    return reply.type('application/xml').headers(pdfHeaders(file.fileName)).send(file.xml);
  });

  app.get('/api/settlement-contract', { schema: { tags, summary: 'Your settlement contract (fees, period, accounts) and the sites\' own payout accounts', response: { 200: OwnContractOut } } }, async (request) => {
    return own(requireTenantActor(request.actor));
  });

  app.put('/api/settlement-contract/split', { schema: { tags, summary: 'Pay each settlement as one sum or one per site (manager administrators)', body: SplitInput, response: { 200: OwnContractOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    await setSplit(deps, actor, request.body.split);
    return own(actor);
  });

  app.put('/api/sites/:siteId/payout-account', { schema: { tags, summary: 'A site\'s own payout account (manager administrators)', params: SiteParams, body: SiteAccountInput, response: { 200: Type.Array(SiteAccountOut) } } }, async (request) => {
    return (await setSiteAccount(deps, requireTenantActor(request.actor), request.params.siteId, request.body)).map(presentSiteAccount);
  });

  app.delete('/api/sites/:siteId/payout-account', { schema: { tags, summary: 'Pay a site to the contract\'s account again (manager administrators)', params: SiteParams, response: { 200: Type.Array(SiteAccountOut) } } }, async (request) => {
    return (await setSiteAccount(deps, requireTenantActor(request.actor), request.params.siteId, null)).map(presentSiteAccount);
  });

  // The operator.
  const operator = ['operator'];
  app.get('/api/operator/settlements', { schema: { tags: operator, summary: 'Every manager\'s settlements, newest first', response: { 200: Type.Array(OperatorSettlementOut) } } }, async (request) => {
    return (await listAllSettlements(deps, requireOperator(request.actor))).map((s) => ({ ...presentSettlement(s), tenantName: s.tenant_name, shortCode: s.short_code }));
  });

  app.get('/api/operator/contracts', { schema: { tags: operator, summary: 'Every manager with its settlement contract', response: { 200: Type.Array(OperatorContractOut) } } }, async (request) => {
    return (await listContracts(deps, requireOperator(request.actor))).map((row) => ({
      tenantId: row.tenant_id, tenantName: row.tenant_name, shortCode: row.short_code, currency: row.currency,
      contract: row.period === null ? null : presentContract({ ...row, tenant_id: row.tenant_id } as Parameters<typeof presentContract>[0]),
    }));
  });

  app.put('/api/operator/tenants/:id/contract', { schema: { tags: operator, summary: 'Set a manager\'s settlement contract', params: IdParams, body: ContractInput, response: { 200: ContractOut } } }, async (request) => {
    return presentContract(await saveContractAsOperator(deps, requireOperator(request.actor), request.params.id, request.body));
  });

  app.post('/api/operator/tenants/:id/settlements', { schema: { tags: operator, summary: 'Settle a period for a manager (again: nothing new)', params: IdParams, body: SettlementRunInput, response: { 200: SettlementRunOut, 201: SettlementRunOut } } }, async (request, reply) => {
    const operatorActor = requireOperator(request.actor);
    const run = await runSettlement(deps, request.params.id, request.body.period, operatorActor.email);
    return reply.status(run.created ? 201 : 200).send({ created: run.created, settlement: presentSettlement(run.settlement) });
  });

  app.get('/api/operator/tenants/:tenantId/settlements/:id/statement', { schema: { tags: operator, summary: 'A manager\'s settlement statement as PDF', params: TenantSettlementParams, produces: ['application/pdf'] } }, async (request, reply) => {
    const { settlement, pdf } = await operatorStatementPdf(deps, requireOperator(request.actor), request.params.tenantId, request.params.id);
    return reply.type('application/pdf').headers(pdfHeaders(`settlement-${settlement.period}.pdf`)).send(pdf);
  });

  app.get('/api/operator/tenants/:tenantId/settlements/:id/payout-file', { schema: { tags: operator, summary: 'A manager\'s payout file (pain.001)', params: TenantSettlementParams, produces: ['application/xml'] } }, async (request, reply) => {
    const file = await operatorPayoutFile(deps, requireOperator(request.actor), request.params.tenantId, request.params.id);
    return reply.type('application/xml').headers(pdfHeaders(file.fileName)).send(file.xml);
  });
}
