// Every notification the user received, filtered by kind, and on which channels each kind reaches
// them (portal, e-mail, SMS). A switch saves at once; a channel the kind does not let users
// change (invoices always come by e-mail) shows its fixed state, disabled, with the reason.
import { Badge, Card, Chip, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { get, post, put } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { LoadError, Loading, Page } from '../../ui/Page.tsx';
import { NotificationItem } from './NotificationItem.tsx';
import { NOTIFICATION_KINDS, type Channel, type KindPreference, type Notification, type Notifications } from './notifications.api.ts';

const CHANNELS: Channel[] = ['portal', 'email', 'sms'];

function Preferences() {
  const { t } = useTranslation('notifications');
  const [preferences, setPreferences] = useState<KindPreference[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get<KindPreference[]>('/api/me/notification-preferences').then(setPreferences, setError); }, []);

  const change = async (preference: KindPreference, channel: Channel, on: boolean) => {
    setError(null);
    try {
      setPreferences(await put<KindPreference[]>('/api/me/notification-preferences', {
        kind: preference.kind, portal: preference.portal, email: preference.email, sms: preference.sms, [channel]: on,
      }));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">{t('preferences.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('preferences.intro')}</Text>
      {error ? <LoadError message={errorText(t, error)} /> : null}
      {!preferences ? <Loading /> : (
        <Table.ScrollContainer minWidth={420}>
          <Table aria-label={t('preferences.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('preferences.kind')}</Table.Th>
                {CHANNELS.map((channel) => <Table.Th key={channel}>{t(`channels.${channel}`)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preferences.map((preference) => (
                <Table.Tr key={preference.kind}>
                  <Table.Td>
                    <Text size="sm">{t(`kinds.${preference.kind}`)}</Text>
                    {preference.kind === 'invoice' && <Text size="xs" c="dimmed">{t('preferences.invoiceByEmail')}</Text>}
                    {preference.kind === 'alarm' && <Text size="xs" c="dimmed">{t('preferences.alarmPerRule')}</Text>}
                  </Table.Td>
                  {CHANNELS.map((channel) => (
                    <Table.Td key={channel}>
                      <Switch checked={preference[channel]} disabled={!preference.configurable.includes(channel)}
                        aria-label={t('preferences.switch', { kind: t(`kinds.${preference.kind}`), channel: t(`channels.${channel}`) })}
                        onChange={(event) => void change(preference, channel, event.currentTarget.checked)} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const [answer, setAnswer] = useState<Notifications | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [kinds, setKinds] = useState<string[]>([]);
  const load = useCallback(() => { get<Notifications>('/api/me/notifications').then(setAnswer, setError); }, []);
  useEffect(load, [load]);

  const open = async (notification: Notification) => {
    if (!notification.read) await post(`/api/me/notifications/${notification.id}/read`).catch(() => undefined);
    if (notification.link?.startsWith('/')) navigate(notification.link);
    else load();
  };
  const shown = answer?.notifications.filter((n) => kinds.length === 0 || kinds.includes(n.kind)) ?? [];

  return (
    <Page title={t('title')}>
      <Stack gap="lg">
        <Stack gap="xs">
          <Chip.Group multiple value={kinds} onChange={setKinds}>
            <Group gap="xs" role="group" aria-label={t('filter')}>
              {NOTIFICATION_KINDS.map((kind) => <Chip key={kind} value={kind} size="sm">{t(`kinds.${kind}`)}</Chip>)}
            </Group>
          </Chip.Group>
          {error ? <LoadError message={errorText(t, error)} /> : !answer ? <Loading /> : shown.length === 0 ? <Text c="dimmed">{t('none')}</Text> : (
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('list')}>
              {shown.map((n) => (
                <NotificationItem key={n.id} notification={n} padding="sm" onOpen={(one) => void open(one)}
                  tag={<Badge size="sm" variant="default">{t(`kinds.${n.kind}`, { defaultValue: n.kind })}</Badge>} />
              ))}
            </Stack>
          )}
        </Stack>
        <Preferences />
      </Stack>
    </Page>
  );
}
