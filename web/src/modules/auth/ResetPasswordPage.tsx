// Sets a new password with the link from the reset mail; every session of the account ends.
import { Alert, Button, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { post } from '../../api.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from './apiErrors.ts';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields.tsx';
import { PublicFrame } from './PublicFrame.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  const token = useSearchParams()[0].get('token') ?? '';
  const newPassword = useNewPassword();
  const [done, setDone] = useState(false);
  const { busy, error, submit: send } = useSubmit(t, async () => {
    await post('/api/auth/password-reset/confirm', { token, newPassword: newPassword.password });
    setDone(true);
  });
  const errors = formErrors(error, ['newPassword']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword.validate()) void send();
  };

  if (!token) return <PublicFrame title={t('reset.title')}><Alert color="red" role="alert">{t('errors.auth.token_invalid')}</Alert></PublicFrame>;
  return (
    <PublicFrame title={t('reset.title')} backToLogin={!done}>
      {done ? (
        <Stack>
          <Alert color="green" role="status">{t('reset.done')}</Alert>
          <Button component={Link} to="/login">{t('submit')}</Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
            <NewPasswordFields state={newPassword} serverError={errors.fields.newPassword} />
            <Button type="submit" loading={busy}>{t('reset.submit')}</Button>
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
