// The lock owner's account (/lock-account): building management (switched on free of charge, after
// confirming, and it stays on: locks can then be placed at sites and units) and organisation
// management, which an account code brings (an organisation can then share locks' management).
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Account } from './locks.api.ts';
import { RedeemCodeForm } from './RedeemCodeForm.tsx';

function Since({ at }: { at: string | null }) {
  const { t } = useTranslation('locks');
  return at ? <Badge color="green" variant="light" styles={{ label: { overflow: 'visible' } }}>{t('account.onSince', { date: formatDate(at) })}</Badge>
    : <Badge color="gray" variant="light">{t('account.off')}</Badge>;
}

export function LockAccountPage() {
  const { t } = useTranslation('locks');
  const account = useLoad<Account>('/api/lock-account');
  const [confirming, setConfirming] = useState(false);
  if (account.error) return <Page title={t('account.title')}><LoadError message={errorText(t, account.error)} /></Page>;
  if (!account.data) return <Loading />;
  const a = account.data;
  const activate = async () => {
    await post('/api/lock-account/building-management');
    notifications.show({ color: 'green', message: t('account.buildingDone') });
    await account.reload();
  };
  return (
    <Page title={t('account.title')}>
      <Text>{t(`account.kinds.${a.kind}`, { name: a.name })}</Text>
      <Card withBorder>
        <Stack>
          <Group justify="space-between"><Title order={2} size="h4">{t('account.building')}</Title><Since at={a.buildingManagementAt} /></Group>
          <Text size="sm" c="dimmed">{t('account.buildingHint')}</Text>
          {!a.buildingManagementAt && <Group><Button onClick={() => setConfirming(true)}>{t('account.buildingButton')}</Button></Group>}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Group justify="space-between"><Title order={2} size="h4">{t('account.organisation')}</Title><Since at={a.organisationManagementAt} /></Group>
          <Text size="sm" c="dimmed">{t('account.organisationHint')}</Text>
          {!a.organisationManagementAt && <RedeemCodeForm onRedeemed={() => account.reload()} />}
        </Stack>
      </Card>
      <ConfirmModal opened={confirming} onClose={() => setConfirming(false)} namespace="locks" color="blue" title={t('account.buildingTitle')}
        message={t('account.buildingConfirm')} confirmLabel={t('account.buildingButton')} onConfirm={activate} />
    </Page>
  );
}
