// Names a new token and picks its scopes; afterwards shows the secret once, with a copy button.
import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

const SCOPES = ['sites:read', 'units:read', 'people:read', 'meters:write'] as const;

interface Props {
  onClose(): void;
  onCreated(): Promise<void>;
}

export function CreateTokenModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation('apitokens');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['sites:read']);
  const [token, setToken] = useState<string | null>(null);
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    const created = await post<{ token: string }>('/api/api-tokens', { name, scopes });
    setToken(created.token);
    await onCreated();
  });

  return (
    <Modal opened onClose={onClose} title={token ? t('createdTitle') : t('new')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {token ? (
        <Stack>
          <Alert color="yellow">{t('showOnce')}</Alert>
          <Code block data-testid="new-token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{token}</Code>
          <Group justify="flex-end">
            <CopyButton value={token}>
              {({ copied, copy }) => <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>{copied ? t('copied') : t('copy')}</Button>}
            </CopyButton>
            <Button onClick={onClose}>{t('done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
            <TextInput label={t('name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} data-autofocus />
            <Checkbox.Group label={t('scopes')} value={scopes} onChange={setScopes} error={fields.scopes} withAsterisk>
              <Stack gap="xs" mt="xs">
                {SCOPES.map((s) => <Checkbox key={s} value={s} label={<Text size="sm">{t(`scopeNames.${s.replace(':', '_')}`)} <Code>{s}</Code></Text>} />)}
              </Stack>
            </Checkbox.Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
              <Button type="submit" loading={busy} disabled={!scopes.length}>{t('common:create')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
