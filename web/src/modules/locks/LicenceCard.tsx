// A lock's licence: its phase, every end date, the keys used, purchased and the limit; in
// revoke-only mode what that means; and, for whoever manages the lock, a prepaid code to redeem.
import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../format.ts';
import { licenceBadge, type Lock } from './locks.api.ts';
import { RedeemCodeForm } from './RedeemCodeForm.tsx';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

export function LicenceCard({ lock, onRedeemed }: { lock: Lock; onRedeemed(): Promise<void> }) {
  const { t } = useTranslation('locks');
  const { licence } = lock;
  const badge = licenceBadge(t, licence);
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">{t('licence.title')}</Title>
          <Badge color={badge.color} variant="light" size="lg" styles={{ label: { overflow: 'visible' } }}>{badge.label}</Badge>
        </Group>
        {licence.management === 'revoke_only' && <Alert color="orange" role="note" title={t('licence.revokeOnlyTitle')}>{t('licence.revokeOnly')}</Alert>}
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label={t('licence.phase')} value={t(`licence.phases.${licence.phase}`)} />
          <Fact label={t('licence.freeUntil')} value={formatDate(licence.freeUntil)} />
          <Fact label={t('licence.managedUntil')} value={licence.managedUntil ? formatDate(licence.managedUntil) : t('licence.none')} />
          <Fact label={t('licence.orgOptionUntil')} value={licence.orgOptionUntil ? formatDate(licence.orgOptionUntil) : t('licence.none')} />
          <Fact label={t('licence.activeKeys')} value={formatNumber(licence.activeKeys)} />
          <Fact label={t('licence.keySlots')} value={t('licence.keySlotsOf', { used: formatNumber(licence.keySlotsUsed), purchased: formatNumber(licence.purchasedKeys) })} />
          <Fact label={t('licence.issuable')} value={formatNumber(licence.issuableKeys)} />
          <Fact label={t('licence.keyLimit')} value={formatNumber(licence.keyLimit)} />
        </SimpleGrid>
        {lock.right === 'owner' && (
          <Stack gap={4}>
            <Title order={3} size="h5">{t('redeem.title')}</Title>
            <Text size="sm" c="dimmed">{t('redeem.hint')}</Text>
            <RedeemCodeForm lockId={lock.id} onRedeemed={onRedeemed} />
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
