// Asks before a destructive action; shows the server's refusal (translated) without closing.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';

interface Props {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** Namespace whose `errors.<code>` keys translate a refusal. */
  namespace: string;
  /** Red for destructive actions (the default). */
  color?: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function ConfirmModal({ opened, title, message, confirmLabel, namespace, color = 'red', onConfirm, onClose }: Props) {
  const { t } = useTranslation([namespace, 'common']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => { setError(null); onClose(); };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <Stack>
        <Text>{message}</Text>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
          <Button color={color} loading={busy} onClick={confirm}>{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
