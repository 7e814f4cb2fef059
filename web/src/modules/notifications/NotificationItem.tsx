// One notification as the bell's list and the notifications page show it: unread ones stand out;
// a click opens it (marks it read and follows its link).
import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import type { Notification } from './notifications.api.ts';

export function NotificationItem({ notification: n, onOpen, padding = 'xs', tag }: { notification: Notification; onOpen(n: Notification): void; padding?: string; tag?: ReactNode }) {
  const { t } = useTranslation('notifications');
  return (
    <li>
      <UnstyledButton w="100%" px="sm" py={padding} onClick={() => onOpen(n)}
        style={{ display: 'block', borderBottom: '1px solid var(--mantine-color-default-border)', background: n.read ? undefined : 'var(--mantine-color-blue-light)' }}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Text size="sm" fw={n.read ? 400 : 600}>{n.title}</Text>
          <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
            {tag}
            {!n.read && <Badge size="sm" color="blue" variant="light">{t('new')}</Badge>}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">{n.body}</Text>
        <Text size="xs" c="dimmed">{formatDateTime(n.createdAt)}</Text>
      </UnstyledButton>
    </li>
  );
}
