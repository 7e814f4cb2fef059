// The tenant's reminder levels and when an unpaid invoice reaches the next one. A level is a
// number of days after the due date and a fee. Levels are reached in order, one per run, never
// skipped and never twice; and after a reminder the next waits at least the gap between the two
// levels, so an invoice found long overdue (the worker was down, reminders just switched on) gets
// its reminders spaced as configured instead of all of them on consecutive days.
import type { ReminderLevel } from '../../db/schema.ts';
import { invalid } from '../../errors.ts';

export const MAX_REMINDER_LEVELS = 5;

/** 14 days after the due date without a fee, 28 days with 5.00, 42 days with 10.00. */
export const DEFAULT_REMINDER_LEVELS: ReminderLevel[] = [{ days: 14, feeMinor: 0 }, { days: 28, feeMinor: 500 }, { days: 42, feeMinor: 1000 }];

/** Refuses levels whose days do not strictly increase (the schema checks counts, ranges and types). */
export function checkReminderLevels(levels: ReminderLevel[]): ReminderLevel[] {
  if (levels.length > MAX_REMINDER_LEVELS) throw invalid('invoices.invalid_reminder_levels', 'levels', `At most ${MAX_REMINDER_LEVELS} reminder levels`);
  levels.forEach((level, i) => {
    if (i > 0 && level.days <= levels[i - 1]!.days) {
      throw invalid('invoices.invalid_reminder_levels', `levels/${i}/days`, 'Each reminder level comes more days after the due date than the one before');
    }
  });
  return levels;
}

const DAY_MS = 86_400_000;
/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export interface NextReminder extends ReminderLevel {
  /** 1-based. */
  level: number;
}

/**
 * The reminder an invoice is due for on `today`, if any: the level after the one it reached, once
 * its days after the due date have passed and, after an earlier reminder (sent on
 * `lastRemindedOn`), the days between the two levels too.
 */
export function nextReminder(levels: ReminderLevel[], invoice: { due_on: string; reminder_level: number }, lastRemindedOn: string | null, today: string): NextReminder | null {
  const next = levels[invoice.reminder_level];
  if (!next) return null;
  if (daysBetween(invoice.due_on, today) < next.days) return null;
  const previous = levels[invoice.reminder_level - 1];
  if (previous && lastRemindedOn && daysBetween(lastRemindedOn, today) < next.days - previous.days) return null;
  return { level: invoice.reminder_level + 1, ...next };
}
