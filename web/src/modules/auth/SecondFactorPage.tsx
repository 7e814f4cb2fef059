// The second step of a login: a code from the authenticator app or one of the recovery codes.
// The last logins shown afterwards come from the password step (passed in the route state).
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { post } from '../../api.ts';
import { homeFor } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from './apiErrors.ts';
import { showLastLogins, type LoginAnswer } from './lastLogins.ts';
import { PublicFrame } from './PublicFrame.tsx';

interface SecondFactorAnswer { ok: true; usedRecoveryCode: boolean; recoveryCodesLeft: number }

export function SecondFactorPage() {
  const { t } = useTranslation('auth');
  const { me, loading, refresh } = useSession();
  const navigate = useNavigate();
  const state = useLocation().state as { answer?: LoginAnswer; from?: string } | null;
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(t, async () => {
    const result = await post<SecondFactorAnswer>('/api/auth/second-factor', { code: code.trim() });
    const current = await refresh();
    if (state?.answer) showLastLogins(state.answer);
    if (result.usedRecoveryCode) {
      notifications.show({ color: 'orange', autoClose: false, message: t('secondFactor.recoveryCodeUsed', { left: result.recoveryCodesLeft }) });
    }
    navigate(state?.from && state.from !== '/login' ? state.from : homeFor(current), { replace: true });
  });
  const errors = formErrors(error, ['code']);

  // Arriving from the login form, the session provider has not seen the new session yet.
  useEffect(() => { if (state?.answer) void refresh(); }, [state?.answer, refresh]);

  if (!loading && !state?.answer && !me?.secondFactorPending) return <Navigate to={me ? homeFor(me) : '/login'} replace />;

  return (
    <PublicFrame title={t('secondFactor.title')}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('secondFactor.explain')}</Text>
          {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
          <TextInput
            label={t('secondFactor.code')} description={t('secondFactor.codeHint')} required autoFocus
            autoComplete="one-time-code" inputMode="text" maxLength={32} value={code} error={errors.fields.code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>{t('secondFactor.submit')}</Button>
        </Stack>
      </form>
    </PublicFrame>
  );
}
