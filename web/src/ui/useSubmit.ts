// Every form needs the same bookkeeping around its API call (busy, error kept for display); it lives here once.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { fieldErrors } from './errors.ts';

export function useSubmit(t: TFunction, action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fields: fieldErrors(t, error), submit, setError };
}
