// The notification centre in the header: a bell with the unread count (asked every 30 seconds,
// when the window regains focus and on every page change), opening a list of what the user was
// told; opening one marks it read and follows its link, or all are marked read at once. The
// whole history and the channel preferences are on the notifications page.
import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { get, post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { Loading } from '../../ui/Page.tsx';
import { NotificationItem } from './NotificationItem.tsx';
import type { Notification, Notifications, Unread } from './notifications.api.ts';

const POLL_MS = 30_000;

function BellIcon() {
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M10 5a2 2 0 1 1 4 0a7 7 0 0 1 4 6v3a4 4 0 0 0 2 3h-16a4 4 0 0 0 2 -3v-3a7 7 0 0 1 4 -6" />
      <path d="M9 17v1a3 3 0 0 0 6 0v-1" />
    </svg>
  );
}

export function NotificationCentre() {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);
  const [opened, setOpened] = useState(false);
  const [list, setList] = useState<Notification[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const count = useCallback(async () => {
    try {
      setUnread((await get<Unread>('/api/me/notifications/unread')).unread);
    } catch {
      // The badge keeps its last count; the next poll tries again.
    }
  }, []);

  useEffect(() => {
    const onFocus = () => void count();
    const timer = window.setInterval(onFocus, POLL_MS);
    window.addEventListener('focus', onFocus);
    return () => { window.clearInterval(timer); window.removeEventListener('focus', onFocus); };
  }, [count]);
  useEffect(() => { void count(); }, [count, pathname]);

  const load = useCallback(async () => {
    setError(null);
    try {
      const answer = await get<Notifications>('/api/me/notifications');
      setList(answer.notifications);
      setUnread(answer.unread);
    } catch (err) {
      setError(err);
    }
  }, []);

  const toggle = () => {
    if (!opened) void load();
    setOpened(!opened);
  };

  const open = async (notification: Notification) => {
    setOpened(false);
    if (!notification.read) {
      try {
        setUnread((await post<Unread>(`/api/me/notifications/${notification.id}/read`)).unread);
      } catch {
        // Still followed: the mark is not worth holding the user up.
      }
    }
    if (notification.link?.startsWith('/')) navigate(notification.link);
  };

  const readAll = async () => {
    try {
      setUnread((await post<Unread>('/api/me/notifications/read')).unread);
      setList((current) => current?.map((n) => ({ ...n, read: true })) ?? null);
    } catch (err) {
      setError(err);
    }
  };

  const label = unread > 0 ? t('bellUnread', { count: unread }) : t('bell');
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withArrow>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4} data-testid="notification-count">
          <ActionIcon variant="subtle" size="lg" aria-label={label} onClick={toggle}><BellIcon /></ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label={t('title')}>
        <Group justify="space-between" px="sm" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text fw={600}>{t('title')}</Text>
          <Group gap={4}>
            <Button variant="subtle" size="xs" disabled={unread === 0} onClick={() => void readAll()}>{t('readAll')}</Button>
            <Button variant="subtle" size="xs" onClick={() => { setOpened(false); navigate('/notifications'); }}>{t('all')}</Button>
          </Group>
        </Group>
        {error ? <Text c="red" p="sm" role="alert">{errorText(t, error)}</Text> : !list ? <Loading /> : !list.length ? <Text c="dimmed" p="sm">{t('none')}</Text> : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('title')}>
              {list.map((n) => <NotificationItem key={n.id} notification={n} onOpen={(one) => void open(one)} />)}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
