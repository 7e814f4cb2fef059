// A device's password, shown once with a copy button: only its hash stays on the server.
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props { identity: string; password: string; onClose(): void; actions?: ReactNode }

export function OneTimePassword({ identity, password, onClose, actions }: Props) {
  const { t } = useTranslation('devices');
  return (
    <Modal opened onClose={onClose} title={t('password.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <Stack>
        <Alert color="yellow">{t('password.showOnce')}</Alert>
        <Text size="sm">{t('password.identity')}: <Code>{identity}</Code></Text>
        <Code block data-testid="device-password" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{password}</Code>
        <Group justify="flex-end">
          <CopyButton value={password}>
            {({ copied, copy }) => <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>{copied ? t('password.copied') : t('password.copy')}</Button>}
          </CopyButton>
          {actions}
          <Button onClick={onClose}>{t('password.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
