// Turns a failed API call into translated text: field errors go under their input, anything
// else into one alert. Codes are looked up in the page's namespace, then in `auth`, with the
// server's own message as the last resort.
import i18next from 'i18next';
import { ApiError } from '../../api.ts';

export interface FormErrors {
  alert: string | null;
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { alert: null, fields: {} };

export function errorText(error: unknown, namespaces: string[] = []): string {
  if (!(error instanceof ApiError)) return i18next.t('errors.network', { ns: [...namespaces, 'auth'] });
  const retry = error.fields.find((f) => f.field === 'retry_after')?.message;
  return i18next.t(`errors.${error.code}`, { ns: [...namespaces, 'auth'], defaultValue: error.message, seconds: retry });
}

/** Field errors for the inputs this form has; the rest (or a field-less error) becomes the alert. `null` is no error. */
export function formErrors(error: unknown, formFields: string[], namespaces: string[] = []): FormErrors {
  if (error === null) return noErrors;
  const text = errorText(error, namespaces);
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const field of error.fields) if (formFields.includes(field.field)) fields[field.field] = text;
  }
  return { alert: Object.keys(fields).length ? null : text, fields };
}
