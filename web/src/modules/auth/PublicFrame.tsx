// The frame of the pages reached without a session (login, reset, invitation…): one centred
// card with the title and the language switch.
import { Anchor, Center, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';

export function PublicFrame({ title, children, backToLogin = true }: { title: string; children: ReactNode; backToLogin?: boolean }) {
  const { t } = useTranslation('auth');
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} w="100%" maw={460}>
        <Stack>
          <Group justify="space-between" wrap="wrap-reverse" gap="xs">
            <Title order={1} size="h2">{title}</Title>
            <LanguageSwitch />
          </Group>
          {children}
          {backToLogin && <Anchor component={Link} to="/login" size="sm">{t('backToLogin')}</Anchor>}
        </Stack>
      </Paper>
    </Center>
  );
}
