// Group commit (db/groupCommit.ts) for standalone transfers arriving at the same moment (from many
// terminals, webhooks, imports): one round trip and one commit for a batch. Each keeps its own
// outcome: a refused transfer fails only its own caller.
import type { Db } from '../../db/client.ts';
import { createGroupCommit } from '../../db/groupCommit.ts';
import { ledgerError } from './ledger.errors.ts';
import * as repo from './ledger.repository.ts';
import type { Transfer, TransferInput } from './ledger.types.ts';
import { toTransfer, validateNewTransfer } from './ledger.usecases.ts';

interface Waiting {
  item: repo.BatchItem;
  now: Date;
  resolve(transfer: Transfer): void;
  reject(error: unknown): void;
}

export interface LedgerBatcher {
  /** Like transferNow: applied in a transaction of its own, possibly together with others. */
  transfer(tenantId: string, input: TransferInput, now?: Date): Promise<Transfer>;
}

export function createLedgerBatcher(db: Db, options: { maxBatch?: number; maxInFlight?: number } = {}): LedgerBatcher {
  const send = async (tenantId: string, batch: Waiting[]) => {
    try {
      // One clock for the batch: the latest of its callers', so no transfer is dated before it was asked for.
      const now = new Date(Math.max(...batch.map((w) => w.now.getTime())));
      const results = await repo.applyBatch(db, tenantId, batch.map((w) => w.item), now);
      batch.forEach((waiting, index) => {
        const result = results[index]!;
        if ('transfer' in result) waiting.resolve(toTransfer(result.transfer));
        else waiting.reject(ledgerError(result.error));
      });
    } catch {
      // Something other than a refusal failed the whole batch (e.g. the same new id sent with
      // other accounts by two batches at once): each transfer alone then gets its own outcome.
      await Promise.all(batch.map((waiting) => applyAlone(tenantId, waiting)));
    }
  };

  const applyAlone = async (tenantId: string, { item, now, resolve, reject }: Waiting) => {
    try {
      resolve(toTransfer(await repo.applyTransfer(db, tenantId, {
        id: item.id, kind: item.kind, debitAccountId: item.debit, creditAccountId: item.credit, amount: item.amount, code: item.code,
        pendingId: null, timeoutSeconds: item.timeoutSeconds, offlineDebt: item.offlineDebt, referenceType: item.referenceType,
        referenceId: item.referenceId, note: item.note, now,
      })));
    } catch (error) {
      reject(error);
    }
  };

  const group = createGroupCommit<Waiting>({ maxBatch: options.maxBatch ?? 128, maxInFlight: options.maxInFlight ?? 4, send });

  return {
    transfer(tenantId, input, now = new Date()) {
      let item: repo.BatchItem;
      try {
        item = validateNewTransfer(input);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<Transfer>((resolve, reject) => group.add(tenantId, { item, now, resolve, reject }));
    },
  };
}
