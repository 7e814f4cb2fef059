// The money core. Every movement of money in Concierge is a transfer made here; nothing else
// writes balances. All functions run inside the caller's inTenant transaction, so a use case's
// own writes and its transfers commit or roll back together.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import { ledgerError } from './ledger.errors.ts';
import * as repo from './ledger.repository.ts';
import type { Account, AccountKind, Transfer, TransferInput } from './ledger.types.ts';

type AccountRow = NonNullable<Awaited<ReturnType<typeof repo.findAccount>>>;

function toAccount(row: AccountRow): Account {
  const posted = row.credits_posted - row.debits_posted;
  return {
    tenantId: row.tenant_id, id: row.id, kind: row.kind as AccountKind, currency: row.currency, personId: row.person_id,
    posted, pendingDebits: row.debits_pending, available: posted - row.debits_pending,
  };
}

export function toTransfer(row: repo.TransferRow): Transfer {
  return {
    id: row.id, debitAccountId: row.debit_account_id, creditAccountId: row.credit_account_id, amount: Number(row.amount),
    currency: row.currency, code: row.code as Transfer['code'], referenceType: row.reference_type, referenceId: row.reference_id,
    kind: row.kind as Transfer['kind'], pendingId: row.pending_id, expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    note: row.note, createdAt: new Date(row.created_at),
  };
}

/** A uuid derived from an outside identity (a webhook's payment id, a bank entry), so the same event always maps to the same transfer. */
export function transferId(namespace: string, key: string): string {
  const hex = createHash('sha256').update(`${namespace}\u0000${key}`).digest('hex');
  // uuid layout, version 5-style nibble and RFC 4122 variant
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function getAccount(tx: Tx, tenantId: string, accountId: string): Promise<Account> {
  const row = await repo.findAccount(tx, tenantId, accountId);
  if (!row) throw ledgerError('ledger.account_not_found');
  return toAccount(row);
}

/** The person's wallet in the tenant's currency, opened on first use. */
export function walletOf(tx: Tx, tenantId: string, personId: string): Promise<Account> {
  return personAccount(tx, tenantId, personId, 'wallet');
}

/** What a person owes on invoices, opened on first use: issuing debits it, payments credit it. */
export function receivableOf(tx: Tx, tenantId: string, personId: string): Promise<Account> {
  return personAccount(tx, tenantId, personId, 'receivable');
}

/** receivableOf for several people at once: their receivable account ids, by person. */
export async function receivablesOf(tx: Tx, tenantId: string, personIds: string[]): Promise<Map<string, string>> {
  let found = await repo.findPersonAccounts(tx, tenantId, personIds, 'receivable');
  const missing = personIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    await repo.insertPersonAccounts(tx, tenantId, missing, 'receivable', await repo.tenantCurrency(tx, tenantId));
    found = await repo.findPersonAccounts(tx, tenantId, personIds, 'receivable');
  }
  return found;
}

async function personAccount(tx: Tx, tenantId: string, personId: string, kind: 'wallet' | 'receivable'): Promise<Account> {
  let row = await repo.findPersonAccount(tx, tenantId, personId, kind);
  if (!row) {
    await repo.insertAccount(tx, { tenantId, kind, currency: await repo.tenantCurrency(tx, tenantId), personId });
    row = await repo.findPersonAccount(tx, tenantId, personId, kind);
  }
  return toAccount(row!);
}

export type SystemAccountKind = Exclude<AccountKind, 'wallet' | 'receivable'>;

/** The tenant's account of a kind (revenue, clearing, …) in its currency, opened on first use. */
export async function systemAccount(tx: Tx, tenantId: string, kind: SystemAccountKind): Promise<string> {
  const currency = await repo.tenantCurrency(tx, tenantId);
  let row = await repo.findSystemAccount(tx, tenantId, kind, currency);
  if (!row) {
    await repo.insertAccount(tx, { tenantId, kind, currency, personId: null });
    row = await repo.findSystemAccount(tx, tenantId, kind, currency);
  }
  return row!.id;
}

/** System account ids by tenant and kind, per database: they never change once opened (a tenant's currency is fixed). */
const systemAccountIds = new WeakMap<Db, Map<string, string>>();

/**
 * systemAccount for hot paths: read once per process (opened in a transaction of its own, so a
 * caller's rollback cannot leave a remembered id without its account), then from memory.
 */
export async function systemAccountId(db: Db, tenantId: string, kind: SystemAccountKind): Promise<string> {
  let known = systemAccountIds.get(db);
  if (!known) systemAccountIds.set(db, known = new Map());
  const key = `${tenantId}:${kind}`;
  let id = known.get(key);
  if (id === undefined) {
    id = await inTenant(db, tenantId, (tx) => systemAccount(tx, tenantId, kind));
    known.set(key, id);
  }
  return id;
}

function checkAmount(amount: number | undefined): void {
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0)) throw ledgerError('ledger.invalid_amount');
}

/** Moves money (or holds it, with pendingTimeoutSeconds). Idempotent under input.id. */
export async function createTransfer(tx: Tx, tenantId: string, input: TransferInput, now = new Date()): Promise<Transfer> {
  return applyInput(tx, tenantId, input, now);
}

/**
 * Several createTransfer in one statement, in the caller's transaction. All or nothing: the first
 * refusal throws (and the caller's transaction rolls back).
 */
export async function createTransfers(tx: Tx, tenantId: string, inputs: TransferInput[], now = new Date()): Promise<Transfer[]> {
  const results = await repo.applyBatch(tx, tenantId, inputs.map(validateNewTransfer), now);
  return results.map((result) => {
    if ('error' in result) throw ledgerError(result.error);
    return toTransfer(result.transfer);
  });
}

/**
 * createTransfer as a transaction of its own: one round trip instead of four (BEGIN, tenant,
 * transfer, COMMIT), and the accounts stay locked only while the database works, not while the
 * client answers. For callers with nothing else to write alongside (webhooks, bulk top-ups);
 * ledger_apply sets the tenant for row-level security itself.
 */
export function transferNow(db: Db, tenantId: string, input: TransferInput, now = new Date()): Promise<Transfer> {
  return applyInput(db, tenantId, input, now);
}

/** Checks a new transfer's input and puts it in the form the database function takes. */
export function validateNewTransfer(input: TransferInput): repo.BatchItem {
  checkAmount(input.amount);
  const pending = input.pendingTimeoutSeconds !== undefined;
  if (pending && (!Number.isInteger(input.pendingTimeoutSeconds) || input.pendingTimeoutSeconds! <= 0)) throw ledgerError('ledger.invalid_amount');
  return {
    id: input.id, kind: pending ? 'pending' : 'posted', debit: input.debitAccountId, credit: input.creditAccountId, amount: input.amount,
    code: input.code, timeoutSeconds: pending ? input.pendingTimeoutSeconds! : null, offlineDebt: input.allowOfflineDebt === true,
    referenceType: input.reference.type, referenceId: input.reference.id, note: input.note ?? null,
  };
}

async function applyInput(tx: Tx | Db, tenantId: string, input: TransferInput, now: Date): Promise<Transfer> {
  const item = validateNewTransfer(input);
  return toTransfer(await repo.applyTransfer(tx, tenantId, {
    id: item.id, kind: item.kind, debitAccountId: item.debit, creditAccountId: item.credit, amount: item.amount, code: item.code,
    pendingId: null, timeoutSeconds: item.timeoutSeconds, offlineDebt: item.offlineDebt, referenceType: item.referenceType,
    referenceId: item.referenceId, note: item.note, now,
  }));
}

async function resolveHold(tx: Tx, tenantId: string, kind: 'post_pending' | 'void_pending' | 'expire_pending',
  input: { id: string; pendingId: string; amount?: number }, now: Date): Promise<Transfer> {
  const hold = await repo.findTransfer(tx, tenantId, input.pendingId);
  if (!hold || hold.kind !== 'pending') throw ledgerError('ledger.hold_not_found');
  return toTransfer(await repo.applyTransfer(tx, tenantId, {
    id: input.id, kind, debitAccountId: null, creditAccountId: null, amount: input.amount ?? null, code: hold.code,
    pendingId: input.pendingId, timeoutSeconds: null, offlineDebt: false, referenceType: hold.reference_type,
    referenceId: hold.reference_id, note: null, now,
  }));
}

/** Charges a hold: all of it, or `amount` of it with the rest returned to the payer. */
export function postPending(tx: Tx, tenantId: string, input: { id: string; pendingId: string; amount?: number }, now = new Date()) {
  if (input.amount !== undefined && (!Number.isSafeInteger(input.amount) || input.amount < 0)) throw ledgerError('ledger.invalid_amount');
  return resolveHold(tx, tenantId, 'post_pending', input, now);
}

/** Releases a hold in full. */
export function voidPending(tx: Tx, tenantId: string, input: { id: string; pendingId: string }, now = new Date()) {
  return resolveHold(tx, tenantId, 'void_pending', input, now);
}

/** Releases holds whose time ran out (the worker calls this). Returns how many expired. */
export async function expireHolds(tx: Tx, tenantId: string, now: Date, limit = 500): Promise<number> {
  const candidates = await repo.expiredHolds(tx, tenantId, now, limit);
  if (candidates.length === 0) return 0;
  // One transaction resolving many holds would lock their accounts in expiry order and deadlock
  // against single transfers; lock them all first, in id order. Then look again: a hold posted
  // or voided while we waited is no longer expired-and-open, and is left alone.
  await repo.lockAccounts(tx, tenantId, [...new Set(candidates.flatMap((h) => [h.debit_account_id, h.credit_account_id]))]);
  const wanted = new Set(candidates.map((h) => h.id));
  const holds = (await repo.expiredHolds(tx, tenantId, now, limit)).filter((h) => wanted.has(h.id));
  for (const hold of holds) {
    await resolveHold(tx, tenantId, 'expire_pending', { id: transferId('expire', hold.id), pendingId: hold.id }, now);
  }
  return holds.length;
}

/**
 * Expires one hold whose time ran out, as the worker would, for a caller that notices first.
 * Same transfer id as the worker's, so whichever comes second gets the first's result; null when
 * the hold was posted or voided meanwhile.
 */
export async function expireHold(tx: Tx, tenantId: string, holdId: string, now: Date): Promise<Transfer | null> {
  const hold = await repo.findTransfer(tx, tenantId, holdId);
  if (!hold || hold.kind !== 'pending') throw ledgerError('ledger.hold_not_found');
  const outcome = await repo.tryApplyTransfer(tx, tenantId, {
    id: transferId('expire', holdId), kind: 'expire_pending', debitAccountId: null, creditAccountId: null, amount: null, code: hold.code,
    pendingId: holdId, timeoutSeconds: null, offlineDebt: false, referenceType: hold.reference_type, referenceId: hold.reference_id, note: null, now,
  });
  if ('transfer' in outcome) return toTransfer(outcome.transfer);
  if (outcome.refusal === 'ledger.hold_resolved') return null;
  throw ledgerError(outcome.refusal);
}

/**
 * Posts (with amount) or voids a hold like postPending/voidPending, but answers null instead of
 * failing when the hold is no longer open (it expired, or its time ran out and it is expired
 * now), so the caller's transaction stays usable. A retry under the same id returns the first
 * result as always.
 */
export async function tryResolveHold(tx: Tx, tenantId: string, input: {
  id: string; pendingId: string; amount?: number;
  /** The hold's code and reference, when the caller made the hold and knows them: the hold is then not read first. */
  hold?: { code: TransferInput['code']; reference: TransferInput['reference'] };
}, now: Date): Promise<Transfer | null> {
  const hold = input.hold
    ? { code: input.hold.code, reference_type: input.hold.reference.type, reference_id: input.hold.reference.id }
    : await repo.findTransfer(tx, tenantId, input.pendingId).then((row) => {
      if (!row || row.kind !== 'pending') throw ledgerError('ledger.hold_not_found');
      return row;
    });
  const outcome = await repo.tryApplyTransfer(tx, tenantId, {
    id: input.id, kind: input.amount === undefined ? 'void_pending' : 'post_pending', debitAccountId: null, creditAccountId: null,
    amount: input.amount ?? null, code: hold.code, pendingId: input.pendingId, timeoutSeconds: null, offlineDebt: false,
    referenceType: hold.reference_type, referenceId: hold.reference_id, note: null, now,
  });
  if ('transfer' in outcome) return toTransfer(outcome.transfer);
  if (outcome.refusal === 'ledger.hold_resolved') return null;
  // Its time ran out and the worker has not expired it yet: expire it now, as the worker would.
  if (outcome.refusal === 'ledger.hold_expired') return expireHold(tx, tenantId, input.pendingId, now).then(() => null);
  throw ledgerError(outcome.refusal);
}

/**
 * createTransfer that answers a refusal (insufficient funds, …) as its code instead of failing,
 * so the caller's transaction stays usable. A retry under the same id returns the first result.
 */
export async function tryCreateTransfer(tx: Tx, tenantId: string, input: TransferInput, now: Date): Promise<Transfer | { refusal: string }> {
  const item = validateNewTransfer(input);
  const outcome = await repo.tryApplyTransfer(tx, tenantId, {
    id: item.id, kind: item.kind, debitAccountId: item.debit, creditAccountId: item.credit, amount: item.amount, code: item.code,
    pendingId: null, timeoutSeconds: item.timeoutSeconds, offlineDebt: item.offlineDebt, referenceType: item.referenceType,
    referenceId: item.referenceId, note: item.note, now,
  });
  return 'transfer' in outcome ? toTransfer(outcome.transfer) : { refusal: outcome.refusal };
}

/** Expires the named holds (those whose time ran out), locking all their accounts first in id order, as expireHolds does. */
export async function expireTheseHolds(tx: Tx, tenantId: string, holdIds: string[], now: Date): Promise<void> {
  const holds = [];
  for (const id of holdIds) {
    const hold = await repo.findTransfer(tx, tenantId, id);
    if (hold) holds.push(hold);
  }
  if (holds.length === 0) return;
  await repo.lockAccounts(tx, tenantId, [...new Set(holds.flatMap((h) => [h.debit_account_id, h.credit_account_id]))]);
  for (const hold of holds) await expireHold(tx, tenantId, hold.id, now);
}

/** A wallet whose posted debits exceed its credits owes money (offline usage) and may not start sessions. */
export function isInDebt(account: Account): boolean {
  return account.posted < 0;
}

export interface StatementLine {
  transferId: string;
  at: Date;
  code: Transfer['code'];
  referenceType: string;
  referenceId: string;
  note: string | null;
  /** Signed effect on the balance: positive in, negative out. */
  amount: number;
  balance: number;
}

/** Every posted movement of an account in a period with the running balance after each. */
export async function statement(tx: Tx, tenantId: string, accountId: string, period: { from: Date | null; to: Date | null }) {
  const opening = period.from ? await repo.postedBalanceBefore(tx, tenantId, accountId, period.from) : 0;
  let balance = opening;
  const lines: StatementLine[] = (await repo.postedMovements(tx, tenantId, accountId, period.from, period.to)).map((m) => {
    balance += Number(m.signed);
    return { transferId: m.id, at: new Date(m.created_at), code: m.code as Transfer['code'], referenceType: m.reference_type,
      referenceId: m.reference_id, note: m.note, amount: Number(m.signed), balance };
  });
  return { opening, closing: balance, lines };
}
