// The frame around every logged-in page: header with the notification centre, language and
// logout, navigation by role.
import { AppShell, Burger, Group, NavLink, Text, Button, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useNavigate } from 'react-router-dom';
import { NotificationCentre } from '../modules/notifications/NotificationCentre.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navigationFor } from './navigation.ts';
import { useSession } from './session.tsx';

export function Layout() {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure();
  const items = navigationFor(me);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('menu')} />
            <Text fw={700} visibleFrom="xs">Concierge</Text>
            {me?.tenant && <Text c="dimmed" size="sm" visibleFrom="xs">{me.tenant.name}</Text>}
          </Group>
          <Group wrap="nowrap" gap="xs">
            {me?.tenant && me.role && <NotificationCentre />}
            <LanguageSwitch />
            <Button variant="subtle" size="xs" onClick={async () => { navigate('/login', { replace: true }); await logout(); }}>{t('logout')}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('navigation')}>
        <ScrollArea>
          {items.map((item) => (
            <NavLink key={item.to} component={RouterLink} to={item.to} label={t(item.label)} onClick={close} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
