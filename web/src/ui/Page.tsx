// The frame of a list or detail page: heading, actions, and the loading / error / empty states.
import { Alert, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

export function Page({ title, actions, children }: Props) {
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} size="h2">{title}</Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <Center p="xl"><Loader aria-label={t('loading')} /></Center>;
}

export function LoadError({ message }: { message: string }) {
  return <Alert color="red" role="alert">{message}</Alert>;
}

export function Empty() {
  const { t } = useTranslation();
  return <Text c="dimmed" p="md">{t('noData')}</Text>;
}
