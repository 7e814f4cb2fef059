// A charge as an invoice or a statement prints it: what, where and when, in the reader's language,
// with the quantity in its unit.
import type { ApplianceKind, InvoiceUnit, Language, Metering } from '../../db/schema.ts';
import { fill, invoiceTexts } from './invoices.texts.ts';

export const UNIT: Record<Metering, InvoiceUnit> = { energy: 'kWh', time: 'min', impulse: 'impulse' };

/** The quantity as printed: Wh as kWh with three decimals, minutes and impulses whole. */
export const printedQuantity = (metering: Metering, quantity: number) => (metering === 'energy' ? (quantity / 1000).toFixed(3) : String(quantity));

// Made once per language and zone: making a formatter costs more than formatting with it.
const lineDates = new Map<string, Intl.DateTimeFormat>();

/** "EV charging, Tiefgarage, 3 Oct 2026, 14:00" in `language`, the time in the tenant's zone. */
export function describeCharge(language: Language, kind: ApplianceKind, site: string, at: Date, zone: string): string {
  const t = invoiceTexts(language);
  let format = lineDates.get(`${language} ${zone}`);
  if (!format) lineDates.set(`${language} ${zone}`, format = new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }));
  return fill(t.line, { kind: t[kind], site, date: format.format(at) });
}
