// Wallet top-up by bank transfer: the details and the printable slip, for the resident
// themselves or for staff printing one for a customer. Nothing here moves money.
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { noBankAccount, noPerson } from './banking.errors.ts';
import { bankingPolicy } from './banking.policies.ts';
import * as repo from './banking.repository.ts';
import { paymentInstructions, type PaymentInstructions, type PaymentRequest } from './payment-instructions.ts';
import { renderPaymentSlip } from './slip.pdf.ts';

type PayerRow = NonNullable<Awaited<ReturnType<typeof repo.findPayer>>>;
type BankAccountRow = NonNullable<Awaited<ReturnType<typeof repo.findBankAccount>>>;

const instructions = (bank: BankAccountRow, payer: PayerRow, request?: PaymentRequest) => paymentInstructions(bank, {
  firstName: payer.first_name, lastName: payer.last_name, customerNumber: payer.customer_number,
  language: payer.language, currency: payer.currency,
}, request);

/** The payer's bank details; with `request`, for a fixed amount under other references (fees use this). */
export async function instructionsFor(tx: Tx, tenantId: string, personId: string, request?: PaymentRequest): Promise<PaymentInstructions> {
  const payer = await repo.findPayer(tx, tenantId, personId);
  if (!payer) throw forbidden();
  const bank = await repo.findBankAccount(tx, tenantId);
  if (!bank) throw noBankAccount();
  return instructions(bank, payer, request);
}

/** instructionsFor several payers at once, each with its own request. */
export async function instructionsForMany(tx: Tx, tenantId: string, requests: { personId: string; request: PaymentRequest }[]): Promise<PaymentInstructions[]> {
  if (requests.length === 0) return [];
  const payers = new Map((await repo.findPayers(tx, tenantId, [...new Set(requests.map((r) => r.personId))])).map((payer) => [payer.id, payer]));
  const bank = await repo.findBankAccount(tx, tenantId);
  if (!bank) throw noBankAccount();
  return requests.map(({ personId, request }) => {
    const payer = payers.get(personId);
    if (!payer) throw forbidden();
    return instructions(bank, payer, request);
  });
}

function ownPersonId(actor: TenantActor): string {
  if (!actor.personId) throw noPerson();
  return actor.personId;
}

export function ownBankDetails(deps: Deps, actor: TenantActor): Promise<PaymentInstructions> {
  const personId = ownPersonId(actor);
  return inTenant(deps.db, actor.tenantId, (tx) => instructionsFor(tx, actor.tenantId, personId));
}

export async function ownPaymentSlip(deps: Deps, actor: TenantActor) {
  const instructions = await ownBankDetails(deps, actor);
  return { instructions, pdf: await renderPaymentSlip(instructions) };
}

export async function paymentSlipFor(deps: Deps, actor: TenantActor, personId: string) {
  if (!bankingPolicy.printSlipFor(actor)) throw forbidden();
  const instructions = await inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [personId]);
    return instructionsFor(tx, actor.tenantId, personId);
  });
  return { instructions, pdf: await renderPaymentSlip(instructions) };
}
