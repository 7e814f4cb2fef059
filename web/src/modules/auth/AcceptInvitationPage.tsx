// Opens an invitation from its mailed link: shows who invites whom as what, then creates the
// account with a name and a password (or, for an address that already has an account, joins
// with that account's password) and logs it in.
import { Alert, Button, Center, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { get, post, setCsrfToken } from '../../api.ts';
import { homeFor } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { errorText, formErrors } from './apiErrors.ts';
import type { LoginAnswer } from './lastLogins.ts';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields.tsx';
import { PasswordField } from './PasswordField.tsx';
import { PublicFrame } from './PublicFrame.tsx';

interface Invitation { tenantName: string; email: string; role: string; existingAccount: boolean }

export function AcceptInvitationPage() {
  const { t } = useTranslation('auth');
  const { refresh } = useSession();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(token ? null : t('errors.auth.token_invalid'));
  const [displayName, setDisplayName] = useState('');
  const newPassword = useNewPassword();
  const [existingPassword, setExistingPassword] = useState('');

  useEffect(() => {
    if (!token) return;
    get<Invitation>(`/api/invitations/by-token/${encodeURIComponent(token)}`)
      .then(setInvitation)
      .catch((err: unknown) => setLoadError(errorText(err)));
  }, [token]);

  const existing = invitation?.existingAccount === true;
  const { busy, error, submit: accept } = useSubmit(t, async () => {
    const answer = await post<{ secondFactorRequired: boolean; csrfToken: string }>('/api/invitations/accept', existing
      ? { token, password: existingPassword }
      : { token, password: newPassword.password, displayName: displayName.trim() });
    setCsrfToken(answer.csrfToken);
    if (answer.secondFactorRequired) {
      const loginAnswer: LoginAnswer = { ...answer, lastSuccess: null, lastFailure: null };
      navigate('/second-factor', { replace: true, state: { answer: loginAnswer } });
    } else {
      navigate(homeFor(await refresh()), { replace: true });
    }
  });
  const errors = formErrors(error, ['password', 'displayName']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (existing || newPassword.validate()) void accept();
  };

  const title = t('invitation.title');
  if (loadError) return <PublicFrame title={title}><Alert color="red" role="alert">{loadError}</Alert></PublicFrame>;
  if (!invitation) return <PublicFrame title={title}><Center><Loader aria-label={t('common:loading')} /></Center></PublicFrame>;
  return (
    <PublicFrame title={title} backToLogin={false}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Table.Tr><Table.Th w={130}>{t('invitation.tenant')}</Table.Th><Table.Td>{invitation.tenantName}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('email')}</Table.Th><Table.Td style={{ overflowWrap: 'anywhere' }}>{invitation.email}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('invitation.role')}</Table.Th><Table.Td>{t(`roles.${invitation.role}`, { defaultValue: invitation.role })}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
          {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
          {invitation.existingAccount ? (
            <>
              <Text size="sm">{t('invitation.existingAccount')}</Text>
              <PasswordField label={t('password')} autoComplete="current-password" required value={existingPassword}
                error={errors.fields.password} onChange={(e) => setExistingPassword(e.currentTarget.value)} />
            </>
          ) : (
            <>
              <TextInput label={t('displayName')} autoComplete="name" required maxLength={120} value={displayName} error={errors.fields.displayName}
                onChange={(e) => setDisplayName(e.currentTarget.value)} />
              <NewPasswordFields state={newPassword} serverError={errors.fields.password} />
            </>
          )}
          <Button type="submit" loading={busy} disabled={invitation.existingAccount ? !existingPassword : !displayName.trim()}>
            {t(invitation.existingAccount ? 'invitation.join' : 'invitation.submit')}
          </Button>
        </Stack>
      </form>
    </PublicFrame>
  );
}
