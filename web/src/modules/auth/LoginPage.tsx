// Log in with e-mail and password, then the second factor when the account has one; shows the
// last successful and last failed login afterwards.
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, post, setCsrfToken } from '../../api.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { homeFor } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../format.ts';

interface LoginAnswer {
  secondFactorRequired: boolean;
  csrfToken: string;
  lastSuccess: { at: string; ip: string | null } | null;
  lastFailure: { at: string; ip: string | null } | null;
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const { refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const done = async (answer: LoginAnswer) => {
    const me = await refresh();
    if (answer.lastSuccess || answer.lastFailure) {
      notifications.show({
        autoClose: 15000,
        title: t('lastLogins'),
        message: `${t('lastSuccess')}: ${formatDateTime(answer.lastSuccess?.at)} · ${t('lastFailure')}: ${formatDateTime(answer.lastFailure?.at)}`,
      });
    }
    const from = (location.state as { from?: string } | null)?.from;
    navigate(from && from !== '/login' ? from : homeFor(me), { replace: true });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await post<LoginAnswer>('/api/auth/login', { email, password });
      setCsrfToken(answer.csrfToken);
      if (answer.secondFactorRequired) navigate('/second-factor', { state: { answer, from: (location.state as { from?: string } | null)?.from } });
      else await done(answer);
    } catch (err) {
      setError(err instanceof ApiError ? t(`errors.${err.code}`, { defaultValue: err.message, seconds: err.fields[0]?.message }) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} aria-labelledby="login-title">
          <Stack>
            <Group justify="space-between"><Title order={1} size="h2" id="login-title">{t('title')}</Title><LanguageSwitch /></Group>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput label={t('email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <PasswordInput label={t('password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>{t('submit')}</Button>
            <Anchor component={Link} to="/forgot-password" size="sm">{t('forgotPassword')}</Anchor>
            <Anchor component={Link} to="/request-access" size="sm">{t('requestAccess')}</Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
