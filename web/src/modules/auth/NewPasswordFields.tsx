// A new password typed twice, checked here before it goes anywhere: both the same and long
// enough (the server checks the length again).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from './PasswordField.tsx';

export const MIN_PASSWORD_LENGTH = 10;

export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const tooShort = password.length < MIN_PASSWORD_LENGTH;
  const mismatch = password !== repeat;
  return {
    password, repeat, setPassword, setRepeat, checked,
    /** Marks the fields as submitted; true when the password may be sent. */
    validate: () => { setChecked(true); return !tooShort && !mismatch; },
    reset: () => { setPassword(''); setRepeat(''); setChecked(false); },
    tooShort, mismatch,
  };
}

export function NewPasswordFields({ state, serverError }: { state: ReturnType<typeof useNewPassword>; serverError?: string }) {
  const { t } = useTranslation('auth');
  return (
    <>
      <PasswordField
        label={t('newPassword')} description={t('passwordRule', { min: MIN_PASSWORD_LENGTH })} autoComplete="new-password" required
        value={state.password} onChange={(e) => state.setPassword(e.currentTarget.value)}
        error={serverError ?? (state.checked && state.tooShort ? t('passwordTooShort', { min: MIN_PASSWORD_LENGTH }) : undefined)}
      />
      <PasswordField
        label={t('repeatPassword')} autoComplete="new-password" required
        value={state.repeat} onChange={(e) => state.setRepeat(e.currentTarget.value)}
        error={state.checked && state.mismatch ? t('passwordMismatch') : undefined}
      />
    </>
  );
}
