// Changes the password with the current one. The server ends every other session, so a
// stolen session stops working too; the page says so before and after.
import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from '../auth/apiErrors.ts';
import { NewPasswordFields, useNewPassword } from '../auth/NewPasswordFields.tsx';
import { PasswordField } from '../auth/PasswordField.tsx';

export function PasswordChange() {
  const { t } = useTranslation('security');
  const [currentPassword, setCurrentPassword] = useState('');
  const newPassword = useNewPassword();
  const [done, setDone] = useState(false);
  const { busy, error, submit: change } = useSubmit(t, async () => {
    await post('/api/me/password', { currentPassword, newPassword: newPassword.password });
    setCurrentPassword('');
    newPassword.reset();
    setDone(true);
  });
  const errors = formErrors(error, ['currentPassword', 'newPassword'], ['security']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (newPassword.validate()) void change();
  };

  return (
    <Card withBorder maw={520}>
      <form onSubmit={submit} noValidate aria-label={t('tabs.password')}>
        <Stack>
          <Text size="sm">{t('password.explain')}</Text>
          {done && <Alert color="green" role="status">{t('password.done')}</Alert>}
          {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
          <PasswordField label={t('password.current')} autoComplete="current-password" required value={currentPassword}
            error={errors.fields.currentPassword} onChange={(e) => setCurrentPassword(e.currentTarget.value)} />
          <NewPasswordFields state={newPassword} serverError={errors.fields.newPassword} />
          <Button type="submit" loading={busy} disabled={!currentPassword} w={{ base: '100%', xs: 'auto' }}>{t('password.submit')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
