// The resident's laundry room and garage: every appliance they may use, live (asked again every
// 3 s), with its price before starting; start one remotely with a maximum, follow it, end it, and
// see the receipt and the new balance as soon as it has ended. The latest receipts sit below.
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Wallet } from '../wallets/wallets.api.ts';
import { ApplianceCard } from './ApplianceCard.tsx';
import { FinishedSessions } from './FinishedSessions.tsx';
import { ReceiptsTable } from './ReceiptsTable.tsx';
import type { AppliancePrice, MyAppliance, UsageSession } from './sessions.api.ts';
import { quantityText } from './sessions.format.ts';
import { StartModal } from './StartModal.tsx';
import { useFinishedSessions } from './useFinishedSessions.ts';
import { usePolled } from './usePolled.ts';

const POLL_MS = 3000;
const RECENT = 5;

/** Appliances by site, then by room, in the order the server sorted them. */
function grouped(appliances: MyAppliance[]) {
  const sites = new Map<string, { name: string; rooms: Map<string, MyAppliance[]> }>();
  for (const appliance of appliances) {
    const site = sites.get(appliance.siteId) ?? { name: appliance.siteName, rooms: new Map<string, MyAppliance[]>() };
    sites.set(appliance.siteId, site);
    const room = appliance.room ?? '';
    site.rooms.set(room, [...(site.rooms.get(room) ?? []), appliance]);
  }
  return [...sites.entries()];
}

export function LaundryPage() {
  const { t } = useTranslation('sessions');
  const appliances = usePolled<MyAppliance[]>('/api/me/appliances', POLL_MS);
  const wallet = useLoad<Wallet>('/api/wallet');
  const sessions = useLoad<UsageSession[]>('/api/me/sessions');
  const [starting, setStarting] = useState<(MyAppliance & { price: AppliancePrice }) | null>(null);
  const [ending, setEnding] = useState<MyAppliance | null>(null);
  const [finished, setFinished] = useState<UsageSession[]>([]);
  const { reload: reloadWallet } = wallet;
  const { reload: reloadSessions } = sessions;

  const onFinished = useCallback((session: UsageSession) => {
    void reloadWallet();
    void reloadSessions();
    if (session.status === 'completed') {
      setFinished((list) => [session, ...list.filter((s) => s.id !== session.id)]);
      notifications.show({
        color: 'green', title: t('finished.title', { name: session.applianceName }),
        message: t('finished.message', { quantity: quantityText(t, session.unit, session.quantity), amount: formatMoney(session.amountMinor ?? 0, session.currency) }),
      });
    } else {
      notifications.show({ color: 'gray', title: t('finished.cancelledTitle', { name: session.applianceName }), message: t('finished.cancelled') });
    }
  }, [reloadWallet, reloadSessions, t]);
  const follow = useFinishedSessions(appliances.data, onFinished);

  // A charger started without a maximum has no session until it reports the start itself.
  const started = (session: UsageSession | null, appliance: MyAppliance) => {
    if (session) follow(session.id);
    setStarting(null);
    notifications.show({ color: 'blue', message: t('start.sent', { name: appliance.name }) });
    void appliances.reload();
    void reloadWallet();
  };

  const recent = (sessions.data ?? []).filter((s) => s.status === 'completed').slice(0, RECENT);
  const available = wallet.data?.available ?? null;
  const currency = wallet.data?.currency;

  return (
    <Page title={t('laundry.title')} actions={<Anchor component={Link} to="/laundry/sessions">{t('receipts.all')}</Anchor>}>
      {wallet.data && (
        <Card withBorder padding="md">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={0}>
              <Text size="sm" c="dimmed">{t('laundry.balance')}</Text>
              <Text size="xl" fw={700} data-testid="laundry-balance" c={wallet.data.available < 0 ? 'red' : undefined}>{formatMoney(wallet.data.available, wallet.data.currency)}</Text>
            </Stack>
            <Anchor component={Link} to="/wallet">{t('laundry.topUp')}</Anchor>
          </Group>
        </Card>
      )}
      <FinishedSessions sessions={finished} balance={available !== null && currency ? formatMoney(available, currency) : null} onDismiss={(id) => setFinished((list) => list.filter((s) => s.id !== id))} />
      {appliances.error && !appliances.data && <LoadError message={errorText(t, appliances.error)} />}
      {!appliances.data && !appliances.error && <Loading />}
      {appliances.data && appliances.data.length === 0 && <Text c="dimmed">{t('laundry.none')}</Text>}
      {appliances.data && grouped(appliances.data).map(([siteId, site]) => (
        <Stack key={siteId} gap="xs">
          <Title order={2} size="h4">{site.name}</Title>
          {[...site.rooms.entries()].map(([room, list]) => (
            <Stack key={room} gap="xs">
              {room && <Title order={3} size="h6" c="dimmed">{room}</Title>}
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {list.map((appliance) => <ApplianceCard key={appliance.id} appliance={appliance} onStart={setStarting} onEnd={setEnding} />)}
              </SimpleGrid>
            </Stack>
          ))}
        </Stack>
      ))}
      <Stack gap="xs" component="section" aria-label={t('receipts.recent')}>
        <Title order={2} size="h4">{t('receipts.recent')}</Title>
        {sessions.error ? <LoadError message={errorText(t, sessions.error)} /> : sessions.data ? <ReceiptsTable sessions={recent} /> : <Loading />}
      </Stack>
      {starting && <StartModal appliance={starting} available={available} onClose={() => setStarting(null)} onStarted={started} />}
      <ConfirmModal opened={ending !== null} onClose={() => setEnding(null)} namespace="sessions"
        title={ending?.mySession?.status === 'preselected' ? t('end.cancelTitle', { name: ending.name }) : t('end.title', { name: ending?.name ?? '' })}
        message={ending?.mySession?.status === 'preselected' ? t('end.cancelMessage') : t('end.message')}
        confirmLabel={ending?.mySession?.status === 'preselected' ? t('card.cancel') : t('card.end')}
        onConfirm={async () => {
          await post(`/api/me/sessions/${ending!.mySession!.id}/stop`);
          await appliances.reload();
        }} />
    </Page>
  );
}
