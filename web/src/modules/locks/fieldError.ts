// A refusal that names a field is said on that field, in the page's words for its code (the
// lock rules: "this PIN is taken", "no lock with this serial and secret"); validator refusals
// keep the common "please check this value". Anything else goes to the form's alert.
import type { TFunction } from 'i18next';
import { ApiError } from '../../api.ts';
import { errorText, fieldErrors } from '../../ui/errors.ts';

export function formErrors(t: TFunction, error: unknown, fields: string[]) {
  const validator = fieldErrors(t, error);
  const named = error instanceof ApiError && error.code !== 'request.invalid_body' ? error.fields[0]?.field : undefined;
  const onField = (field: string) => (named === field ? errorText(t, error) : validator[field]);
  const shownOnFields = error instanceof ApiError && error.fields.length > 0 && error.fields.every((f) => fields.includes(f.field.split('.')[0]!));
  return { onField, alert: error !== null && !shownOnFields ? errorText(t, error) : null };
}
