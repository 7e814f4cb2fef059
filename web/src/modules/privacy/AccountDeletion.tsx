// "Delete my account": what erasure means, a confirmation, then the mailed link does the rest
// (DeleteAccountPage). Open money or invoices are refused by the server and shown with where to settle them.
import { Alert, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { isUnsettled, requestDeletion, type Unsettled } from './privacy.api.ts';
import { UnsettledNotice } from './UnsettledNotice.tsx';

export function AccountDeletion() {
  const { t } = useTranslation('privacy');
  const { me } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState(false);
  const [refused, setRefused] = useState<Unsettled | null>(null);

  const request = async () => {
    setRefused(null);
    try {
      await requestDeletion();
      setSent(true);
    } catch (error) {
      // A refusal belongs on the page with its link, not in the dialog; anything else stays there.
      if (!isUnsettled(error)) throw error;
      setRefused(error.code);
    }
  };

  return (
    <Card withBorder maw={720}>
      <Stack>
        <Title order={2} size="h4">{t('deletion.title')}</Title>
        <Text size="sm">{t('deletion.explain')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('deletion.erased')}</List.Item>
          <List.Item>{t('deletion.kept')}</List.Item>
          <List.Item>{t('deletion.settleFirst')}</List.Item>
          <List.Item>{t('deletion.byMail')}</List.Item>
        </List>
        {refused && <UnsettledNotice code={refused} />}
        {sent
          ? <Alert color="blue" role="status" title={t('deletion.sentTitle')}>{t('deletion.sent', { email: me?.user.email ?? '' })}</Alert>
          : <Button color="red" variant="outline" onClick={() => setConfirming(true)} style={{ alignSelf: 'flex-start' }}>{t('deletion.button')}</Button>}
      </Stack>
      <ConfirmModal opened={confirming} namespace="privacy" title={t('deletion.confirmTitle')} message={t('deletion.confirmMessage')}
        confirmLabel={t('deletion.confirm')} onConfirm={request} onClose={() => setConfirming(false)} />
    </Card>
  );
}
