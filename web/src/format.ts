// Dates, numbers and money in the user's language. Money arrives as integer minor units.
import i18next from 'i18next';

const locales: Record<string, string> = { de: 'de-AT', fr: 'fr-CH', nl: 'nl-NL', pl: 'pl-PL', en: 'en-GB' };
const locale = () => locales[i18next.language] ?? 'en-GB';

export const formatDateTime = (value: string | Date | null | undefined) =>
  value ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '–';
export const formatDate = (value: string | Date | null | undefined) =>
  value ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(value)) : '–';
export const formatNumber = (value: number) => new Intl.NumberFormat(locale()).format(value);
export const formatMoney = (minor: number, currency: string) =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(minor / 100);
