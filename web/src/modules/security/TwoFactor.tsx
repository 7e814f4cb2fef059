// Two-factor login: set up (QR code or secret, then a first code), the recovery codes shown
// exactly once, and turning it off again with the password behind a confirmation.
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Image, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { errorText, formErrors } from '../auth/apiErrors.ts';
import { PasswordField } from '../auth/PasswordField.tsx';

interface Enrolment { secret: string; uri: string; qrDataUrl: string }

export function TwoFactor() {
  const { t } = useTranslation('security');
  const { me, refresh } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const { busy, error, submit: start } = useSubmit(t, async () => {
    setEnrolment(await post<Enrolment>('/api/me/two-factor/setup'));
  });

  // The codes come first: after enabling, `me` already says "on", but they must be read once.
  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={() => { setRecoveryCodes(null); void refresh(); }} />;
  if (me?.user.twoFactorEnabled) return <TwoFactorOn />;
  return (
    <Card withBorder maw={620}>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">{t('twoFactor.title')}</Title>
          <Badge color="gray">{t('twoFactor.off')}</Badge>
        </Group>
        <Text size="sm">{t('twoFactor.explain')}</Text>
        {error !== null && <Alert color="red" role="alert">{errorText(error, ['security'])}</Alert>}
        {enrolment
          ? <Enrol enrolment={enrolment} onEnabled={(codes) => { setEnrolment(null); setRecoveryCodes(codes); }} />
          : <Button onClick={() => void start()} loading={busy} style={{ alignSelf: 'flex-start' }}>{t('twoFactor.start')}</Button>}
      </Stack>
    </Card>
  );
}

function Enrol({ enrolment, onEnabled }: { enrolment: Enrolment; onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation('security');
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(t, async () => {
    onEnabled((await post<{ recoveryCodes: string[] }>('/api/me/two-factor/enable', { code: code.trim() })).recoveryCodes);
  });
  const errors = formErrors(error, ['code'], ['security']);

  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('twoFactor.scan')}</Text>
        <Image src={enrolment.qrDataUrl} alt={t('twoFactor.qrAlt')} w={200} h={200} />
        <Text size="sm">{t('twoFactor.orType')}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="totp-secret" style={{ overflowWrap: 'anywhere' }}>{enrolment.secret}</Code>
          <Copy value={enrolment.secret} />
        </Group>
        {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
        <TextInput label={t('twoFactor.code')} description={t('twoFactor.codeHint')} required autoComplete="one-time-code" inputMode="numeric"
          maxLength={6} value={code} error={errors.fields.code} onChange={(e) => setCode(e.currentTarget.value)} maw={240} />
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>{t('twoFactor.enable')}</Button>
      </Stack>
    </form>
  );
}

function Copy({ value }: { value: string }) {
  const { t } = useTranslation('security');
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => <Button size="xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy}>{copied ? t('copied') : t('copy')}</Button>}
    </CopyButton>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('security');
  return (
    <Card withBorder maw={620}>
      <Stack>
        <Title order={2} size="h4">{t('twoFactor.recoveryTitle')}</Title>
        <Alert color="orange" role="alert">{t('twoFactor.recoveryWarning')}</Alert>
        <List spacing={4} data-testid="recovery-codes" style={{ fontFamily: 'monospace' }}>
          {codes.map((code) => <List.Item key={code}>{code}</List.Item>)}
        </List>
        <Group>
          <Copy value={codes.join('\n')} />
          <Button onClick={onDone}>{t('twoFactor.recoverySaved')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function TwoFactorOn() {
  const { t } = useTranslation('security');
  const { refresh } = useSession();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const { busy, error, submit, setError } = useSubmit(t, async () => {
    await post('/api/me/two-factor/disable', { password });
    close();
    await refresh();
  });
  const errors = formErrors(error, ['password'], ['security']);
  const close = () => { setOpen(false); setPassword(''); setError(null); };

  return (
    <Card withBorder maw={620}>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">{t('twoFactor.title')}</Title>
          <Badge color="green">{t('twoFactor.on')}</Badge>
        </Group>
        <Text size="sm">{t('twoFactor.onExplain')}</Text>
        <Button color="red" variant="light" onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>{t('twoFactor.disable')}</Button>
      </Stack>
      <Modal opened={open} onClose={close} title={t('twoFactor.disableTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('twoFactor.disableExplain')}</Text>
            {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
            <PasswordField label={t('email.password')} autoComplete="current-password" required data-autofocus value={password}
              error={errors.fields.password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
              <Button type="submit" color="red" loading={busy} disabled={!password}>{t('twoFactor.disableConfirm')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
