// The reminders' queries: the tenant's levels, the invoices a run looks at, and each reminder.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { ReminderLevel } from '../../db/schema.ts';
import { DEFAULT_REMINDER_LEVELS } from './invoices.reminders.levels.ts';
import { SENDING_LEASE_MS } from './invoices.repository.ts';

/** The tenant's reminder levels; a tenant without settings has the defaults. */
export async function readReminderLevels(tx: Tx, tenantId: string): Promise<ReminderLevel[]> {
  const row = await tx.selectFrom('tenant_settings').select('reminder_levels').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? row.reminder_levels.map((l) => ({ days: Number(l.days), feeMinor: Number(l.feeMinor) })) : DEFAULT_REMINDER_LEVELS;
}

export async function saveReminderLevels(tx: Tx, tenantId: string, levels: ReminderLevel[]): Promise<void> {
  const json = JSON.stringify(levels.map((l) => ({ days: l.days, feeMinor: l.feeMinor })));
  await tx.insertInto('tenant_settings').values({ tenant_id: tenantId, reminder_levels: json })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ reminder_levels: json, updated_at: new Date() })).execute();
}

/**
 * Open invoices with something due that may reach their next level: below the last level and due
 * on or before `dueOnOrBefore`, with the time of their last reminder.
 */
export function remindable(tx: Tx, tenantId: string, levels: number, dueOnOrBefore: string) {
  return tx.selectFrom('invoices as i').select(['i.id', 'i.reminder_level'])
    .select((eb) => [
      sql<string>`i.due_on::text`.as('due_on'),
      eb.selectFrom('invoice_reminders as r').select(sql<Date | null>`max(r.reminded_at)`.as('at'))
        .whereRef('r.tenant_id', '=', 'i.tenant_id').whereRef('r.invoice_id', '=', 'i.id').as('last_reminded_at'),
    ])
    .where('i.tenant_id', '=', tenantId).where('i.kind', '=', 'invoice').where('i.status', '=', 'open')
    .where(sql<boolean>`i.gross_minor + i.reminder_fees_minor > i.paid_minor`)
    .where('i.reminder_level', '<', levels).where('i.due_on', '<=', dueOnOrBefore)
    .orderBy('i.due_on').orderBy('i.sequence').execute();
}

export async function insertReminder(tx: Tx, tenantId: string, reminder: { invoiceId: string; level: number; days: number; feeMinor: number; transferId: string | null; at: Date }): Promise<void> {
  await tx.insertInto('invoice_reminders').values({
    tenant_id: tenantId, invoice_id: reminder.invoiceId, level: reminder.level, days: reminder.days, fee_minor: reminder.feeMinor, transfer_id: reminder.transferId, reminded_at: reminder.at,
  }).execute();
}

export async function raiseReminderLevel(tx: Tx, tenantId: string, invoiceId: string, level: number, feesMinor: number): Promise<void> {
  await tx.updateTable('invoices').set({ reminder_level: level, reminder_fees_minor: feesMinor }).where('tenant_id', '=', tenantId).where('id', '=', invoiceId).execute();
}

/** Reminders not yet delivered (any run's: an interrupted one leaves some), oldest first. */
export function undeliveredReminders(tx: Tx, tenantId: string) {
  return tx.selectFrom('invoice_reminders').select(['invoice_id', 'level']).where('tenant_id', '=', tenantId).where('delivery', '=', 'pending')
    .orderBy('reminded_at').orderBy('invoice_id').orderBy('level').execute();
}

/** Takes a pending reminder for sending; false when it is delivered or another run is sending it. */
export async function claimReminder(tx: Tx, tenantId: string, reminder: { invoiceId: string; level: number }, now: Date): Promise<boolean> {
  const row = await tx.updateTable('invoice_reminders').set({ sending_since: now })
    .where('tenant_id', '=', tenantId).where('invoice_id', '=', reminder.invoiceId).where('level', '=', reminder.level).where('delivery', '=', 'pending')
    .where((eb) => eb.or([eb('sending_since', 'is', null), eb('sending_since', '<', new Date(now.getTime() - SENDING_LEASE_MS))]))
    .returning('level').executeTakeFirst();
  return row !== undefined;
}

export async function markReminderDelivered(tx: Tx, tenantId: string, reminder: { invoiceId: string; level: number }, delivery: 'emailed' | 'none' | 'cancelled', at: Date): Promise<void> {
  await tx.updateTable('invoice_reminders').set({ delivery, delivered_at: at })
    .where('tenant_id', '=', tenantId).where('invoice_id', '=', reminder.invoiceId).where('level', '=', reminder.level).execute();
}

export function remindersOf(tx: Tx, tenantId: string, invoiceId: string) {
  return tx.selectFrom('invoice_reminders').select(['level', 'reminded_at', 'fee_minor'])
    .where('tenant_id', '=', tenantId).where('invoice_id', '=', invoiceId).orderBy('level').execute();
}
