// Top-up with an NFC bank card at a terminal: the terminal's payment service has taken the
// money; this credits the wallet from the terminal-card clearing account. Called by the device
// gateway; idempotent under the terminal's transaction id, so a resent message credits once.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import type { Transfer } from '../ledger/ledger.types.ts';
import { personNotFound } from './payments.errors.ts';
import * as repo from './payments.repository.ts';

export interface TerminalCardCredit {
  tenantId: string;
  personId: string;
  amountMinor: number;
  terminalTransactionId: string;
}

export async function creditFromTerminalCard(deps: Deps, input: TerminalCardCredit): Promise<Transfer> {
  const accounts = await inTenant(deps.db, input.tenantId, async (tx) => {
    if (!(await repo.personExists(tx, input.tenantId, input.personId))) throw personNotFound();
    return {
      clearing: await systemAccount(tx, input.tenantId, 'terminal_card_clearing'),
      wallet: (await walletOf(tx, input.tenantId, input.personId)).id,
    };
  });
  // Stands alone, so it shares a commit with whatever else the terminals send at the same moment.
  return deps.ledger.transfer(input.tenantId, {
    id: transferId('terminal-card', input.terminalTransactionId),
    debitAccountId: accounts.clearing,
    creditAccountId: accounts.wallet,
    amount: input.amountMinor,
    code: 'top_up',
    reference: { type: 'terminal_card', id: input.terminalTransactionId },
  }, deps.clock.now());
}
