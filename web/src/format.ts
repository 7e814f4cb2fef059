// Dates, numbers and money in the user's language. Money arrives as integer minor units.
import i18next from 'i18next';

const locales: Record<string, string> = { de: 'de-AT', fr: 'fr-CH', nl: 'nl-NL', pl: 'pl-PL', en: 'en-GB' };
const locale = () => locales[i18next.language] ?? 'en-GB';

export const formatDateTime = (value: string | Date | null | undefined) =>
  value ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '–';
export const formatDate = (value: string | Date | null | undefined) =>
  value ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(value)) : '–';
export const formatNumber = (value: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale(), options).format(value);
/** Any date format in the user's language, e.g. `{ month: 'long', year: 'numeric', timeZone }`. */
export const formatCalendar = (value: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale(), options).format(value);
/** A span of dates in the user's language, written once where both ends share it (9–15 Mar 2026). */
export const formatCalendarRange = (from: Date, to: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale(), options).formatRange(from, to);
export const formatMoney = (minor: number, currency: string) =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(minor / 100);
