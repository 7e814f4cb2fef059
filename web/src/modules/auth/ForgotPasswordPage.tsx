// Asks for a reset link. The answer is the same whether the address has an account or not.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formErrors, noErrors } from './apiErrors.ts';
import { PublicFrame } from './PublicFrame.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [errors, setErrors] = useState(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      await post('/api/auth/password-reset', { email: email.trim() });
      setSent(true);
    } catch (err) {
      setErrors(formErrors(err, ['email']));
    } finally {
      setBusy(false);
    }
  };

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
