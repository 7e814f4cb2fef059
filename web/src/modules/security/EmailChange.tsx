// A new e-mail address takes effect only when confirmed from a link sent to it, so a typo or a
// stranger's session cannot move the account to an address its owner does not read.
import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from '../auth/apiErrors.ts';
import { PasswordField } from '../auth/PasswordField.tsx';

export function EmailChange() {
  const { t } = useTranslation('security');
  const { me } = useSession();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(t, async () => {
    setSentTo(null);
    await post('/api/me/email', { newEmail: newEmail.trim(), password });
    setSentTo(newEmail.trim());
    setNewEmail('');
    setPassword('');
  });
  const errors = formErrors(error, ['newEmail', 'password'], ['security']);

  return (
    <Card withBorder>
      <form onSubmit={submit} aria-labelledby="email-title">
        <Stack>
          <Title order={2} size="h4" id="email-title">{t('email.title')}</Title>
          <Text size="sm">{t('email.current', { email: me?.user.email ?? '' })}</Text>
          <Text size="sm" c="dimmed">{t('email.explain')}</Text>
          {sentTo && <Alert color="green" role="status">{t('email.sent', { email: sentTo })}</Alert>}
          {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
          <TextInput label={t('email.new')} type="email" autoComplete="email" required value={newEmail} error={errors.fields.newEmail}
            onChange={(e) => setNewEmail(e.currentTarget.value)} />
          <PasswordField label={t('email.password')} autoComplete="current-password" required value={password} error={errors.fields.password}
            onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy} w={{ base: '100%', xs: 'auto' }} style={{ alignSelf: 'flex-start' }}>{t('email.submit')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
