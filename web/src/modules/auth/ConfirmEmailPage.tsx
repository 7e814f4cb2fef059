// Confirms a new e-mail address from the link mailed to it. Sent once the page opens: the link
// itself is the confirmation, and it works whether or not the browser is logged in.
import { Alert, Center, Loader } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from './apiErrors.ts';
import { PublicFrame } from './PublicFrame.tsx';

export function ConfirmEmailPage() {
  const { t } = useTranslation('auth');
  const { me, refresh } = useSession();
  const token = useSearchParams()[0].get('token') ?? '';
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(token ? null : { ok: false, text: t('errors.auth.token_invalid') });
  const sent = useRef(false);

  useEffect(() => {
    // Strict mode runs effects twice; the token can be spent only once.
    if (!token || sent.current) return;
    sent.current = true;
    post('/api/auth/confirm-email', { token })
      .then(() => { setResult({ ok: true, text: t('confirmEmail.done') }); void refresh(); })
      .catch((err: unknown) => setResult({ ok: false, text: errorText(err) }));
  }, [token, t, refresh]);

  return (
    <PublicFrame title={t('confirmEmail.title')}>
      {result
        ? <Alert color={result.ok ? 'green' : 'red'} role={result.ok ? 'status' : 'alert'}>{result.text}</Alert>
        : <Center><Loader aria-label={t('common:loading')} /></Center>}
      {me && result?.ok && <Alert color="blue">{t('confirmEmail.loggedIn', { email: me.user.email })}</Alert>}
    </PublicFrame>
  );
}
