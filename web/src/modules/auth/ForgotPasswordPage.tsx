// Asks for a reset link. The answer is the same whether the address has an account or not.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from './apiErrors.ts';
import { PublicFrame } from './PublicFrame.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useSubmit(t, async () => {
    await post('/api/auth/password-reset', { email: email.trim() });
    setSent(true);
  });
  const errors = formErrors(error, ['email']);

  return (
    <PublicFrame title={t('forgot.title')}>
      {sent ? (
        <Alert color="green" role="status">{t('forgot.sent')}</Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('forgot.explain')}</Text>
            {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
            <TextInput label={t('email')} type="email" autoComplete="email" required value={email} error={errors.fields.email}
              onChange={(e) => setEmail(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>{t('forgot.submit')}</Button>
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
