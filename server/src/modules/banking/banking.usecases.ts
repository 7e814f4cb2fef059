// The property manager's bank account for incoming transfers: printed on payment slips and
// matched against bank statements. A Swiss manager may add a QR-IBAN for QR references.
import { electronicFormatIBAN, isQRIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { ibanIsQrIban, invalidBic, invalidIban, invalidQrIban } from './banking.errors.ts';
import { bankingPolicy } from './banking.policies.ts';
import * as repo from './banking.repository.ts';
import type { BankAccountInput } from './banking.schemas.ts';

function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

export function getBankAccount(deps: Deps, actor: TenantActor) {
  authorize(bankingPolicy.readBankAccount(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => (await repo.findBankAccount(tx, actor.tenantId)) ?? null);
}

/** Checks and normalises the account numbers; people type them with spaces and in lower case. */
function accountNumbers(input: Static<typeof BankAccountInput>) {
  const iban = electronicFormatIBAN(input.iban) ?? '';
  if (!isValidIBAN(iban)) throw invalidIban();
  // A QR-IBAN refuses payments without a QR reference, so it cannot be the general account.
  if (isQRIBAN(iban)) throw ibanIsQrIban();
  let qrIban: string | null = null;
  if (input.qrIban) {
    qrIban = electronicFormatIBAN(input.qrIban) ?? '';
    if (!isValidIBAN(qrIban) || !isQRIBAN(qrIban)) throw invalidQrIban();
  }
  let bic: string | null = null;
  if (input.bic) {
    bic = input.bic.replace(/\s+/g, '').toUpperCase();
    if (!isValidBIC(bic)) throw invalidBic();
  }
  return { iban, qr_iban: qrIban, bic };
}

export function setBankAccount(deps: Deps, actor: TenantActor, input: Static<typeof BankAccountInput>) {
  authorize(bankingPolicy.manageBankAccount(actor));
  const values = {
    ...accountNumbers(input),
    creditor_name: input.creditorName.trim(), street: input.street.trim(), postal_code: input.postalCode.trim(),
    city: input.city.trim(), country: input.country, vat_id: input.vatId ?? null,
  };
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findBankAccount(tx, actor.tenantId);
    await repo.saveBankAccount(tx, actor.tenantId, values);
    const after = (await repo.findBankAccount(tx, actor.tenantId))!;
    await recordAudit(tx, actor, { action: 'bank_account.updated', entityType: 'tenant', entityId: actor.tenantId, before, after });
    return after;
  });
}
