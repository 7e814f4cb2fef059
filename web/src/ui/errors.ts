// API errors in the user's language: `errors.<code>` of the page's namespace, the server's
// message when no translation exists, and field errors keyed by field name for the form.
import type { TFunction } from 'i18next';
import { ApiError } from '../api.ts';

export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t([`errors.${error.code}`, `common:errors.${error.code}`], { defaultValue: error.message });
  return t('common:error');
}

/** The server names the field; its message is English validator text, so we show our own words. */
export function fieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fields.map((f) => [f.field.split('.')[0]!, t('common:invalidValue')]));
}
