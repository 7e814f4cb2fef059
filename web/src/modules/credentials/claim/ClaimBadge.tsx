// Claim a badge that registered itself at its first tap at a terminal (it then belongs to an
// empty account): the resident types the label printed on the card, and the badge, with whatever
// was paid onto it meanwhile, moves to their account.
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../../api.ts';
import { useSession } from '../../../app/session.tsx';
import { formatMoney } from '../../../format.ts';
import { errorText } from '../../../ui/errors.ts';
import { useSubmit } from '../../../ui/useSubmit.ts';

interface Claimed {
  credentialId: string;
  label: string;
  status: string;
  movedMinor: number;
  currency: string;
}

export function ClaimBadge({ onClaimed }: { onClaimed(): void }) {
  const { t } = useTranslation('badgeclaim');
  const { me } = useSession();
  const [label, setLabel] = useState('');
  const example = `ID*${me?.tenant?.shortCode ?? 'heimbau'}*1234`;
  const claim = useSubmit(t, async () => {
    const claimed = await post<Claimed>('/api/me/credentials/claim', { label: label.trim() });
    notifications.show({
      color: 'green',
      message: claimed.movedMinor > 0
        ? t('claimedWithBalance', { label: claimed.label, amount: formatMoney(claimed.movedMinor, claimed.currency) })
        : t('claimed', { label: claimed.label }),
    });
    setLabel('');
    onClaimed();
  });
  return (
    <Card withBorder>
      <form onSubmit={claim.submit} noValidate aria-label={t('title')}>
        <Stack>
          <Title order={2} size="h4">{t('title')}</Title>
          <Text size="sm" c="dimmed">{t('hint')}</Text>
          <TextInput label={t('label')} placeholder={example} description={t('labelHint', { example })} value={label} maxLength={64}
            onChange={(e) => setLabel(e.currentTarget.value)} error={claim.fields.label} w={320} />
          {claim.error !== null && <Alert color="red" role="alert">{errorText(t, claim.error)}</Alert>}
          <Group><Button type="submit" loading={claim.busy} disabled={label.trim() === ''}>{t('submit')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}
