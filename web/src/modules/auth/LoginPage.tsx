// Log in with e-mail and password, then the second factor when the account has one; shows the
// last successful and last failed login afterwards.
import { Alert, Anchor, Button, Center, Paper, Stack, TextInput, Title, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { post, setCsrfToken } from '../../api.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { homeFor } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { errorText } from './apiErrors.ts';
import { showLastLogins, type LoginAnswer } from './lastLogins.ts';
import { PasswordField } from './PasswordField.tsx';

export function LoginPage() {
  const { t } = useTranslation('auth');
  const { refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from;

  const done = async (answer: LoginAnswer) => {
    const me = await refresh();
    showLastLogins(answer);
    navigate(from && from !== '/login' ? from : homeFor(me), { replace: true });
  };

  const { busy, error, submit } = useSubmit(t, async () => {
    const answer = await post<LoginAnswer>('/api/auth/login', { email, password });
    setCsrfToken(answer.csrfToken);
    if (answer.secondFactorRequired) navigate('/second-factor', { state: { answer, from } });
    else await done(answer);
  });

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} w="100%" maw={420}>
        <form onSubmit={submit} aria-labelledby="login-title">
          <Stack>
            <Group justify="space-between" wrap="wrap-reverse" gap="xs"><Title order={1} size="h2" id="login-title">{t('title')}</Title><LanguageSwitch /></Group>
            {error !== null && <Alert color="red" role="alert">{errorText(error)}</Alert>}
            <TextInput label={t('email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <PasswordField label={t('password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>{t('submit')}</Button>
            <Anchor component={Link} to="/forgot-password" size="sm">{t('forgotPassword')}</Anchor>
            <Anchor component={Link} to="/request-access" size="sm">{t('requestAccess')}</Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
