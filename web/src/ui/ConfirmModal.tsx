// Asks before a destructive action; shows the server's refusal (translated) without closing.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';
import { useSubmit } from './useSubmit.ts';

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
  const { busy, error, submit: confirm, setError } = useSubmit(t, async () => {
    await onConfirm();
    close();
  });
  const close = () => { setError(null); onClose(); };
  return (
    <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <Stack>
        <Text>{message}</Text>
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
          <Button color={color} loading={busy} onClick={() => void confirm()}>{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
