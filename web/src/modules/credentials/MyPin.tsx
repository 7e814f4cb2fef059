// The resident's PIN code for terminals with a keypad: 4 to 8 digits, stored only as a keyed
// hash, so it is never shown; a PIN another resident uses is refused (choose another).
import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Credential } from './credentials.api.ts';
import { CredentialStatusBadge } from './CredentialStatusBadge.tsx';

export function MyPin({ pin, onChange }: { pin: Credential | undefined; onChange(): void }) {
  const { t } = useTranslation('credentials');
  const [value, setValue] = useState('');
  const [repeat, setRepeat] = useState('');
  const valid = /^\d{4,8}$/.test(value) && value === repeat;
  const save = useSubmit(t, async () => {
    await put('/api/me/credentials/pin', { pin: value });
    notifications.show({ color: 'green', message: t('pin.saved') });
    setValue('');
    setRepeat('');
    onChange();
  });

  return (
    <Card withBorder>
      <form onSubmit={save.submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('pin.title')}</Title>
          <Group gap="xs">
            <Text size="sm">{pin ? t('pin.isSet') : t('pin.notSet')}</Text>
            {pin && <CredentialStatusBadge credential={pin} />}
          </Group>
          <Group align="flex-start" wrap="wrap">
            <PasswordInput label={pin ? t('pin.new') : t('pin.pin')} description={t('pin.rule')} inputMode="numeric" autoComplete="off" maxLength={8}
              value={value} onChange={(e) => setValue(e.currentTarget.value.replace(/\D/g, ''))} error={save.fields.pin} w={{ base: '100%', xs: 220 }} />
            <PasswordInput label={t('pin.repeat')} inputMode="numeric" autoComplete="off" maxLength={8} value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value.replace(/\D/g, ''))} w={{ base: '100%', xs: 220 }}
              error={repeat && value !== repeat ? t('pin.mismatch') : undefined} />
          </Group>
          {save.error !== null && <Alert color="red" role="alert">{errorText(t, save.error)}</Alert>}
          <Group><Button type="submit" loading={save.busy} disabled={!valid}>{pin ? t('pin.change') : t('pin.set')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}
