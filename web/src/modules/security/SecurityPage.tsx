// The user's own account security: login history, password, contact data, two-factor login and
// their data (export and deletion, modules/privacy).
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ContactData } from './ContactData.tsx';
import { EmailChange } from './EmailChange.tsx';
import { LoginHistory } from './LoginHistory.tsx';
import { PasswordChange } from './PasswordChange.tsx';
import { TwoFactor } from './TwoFactor.tsx';
import { YourData } from '../privacy/YourData.tsx';

export function SecurityPage() {
  const { t } = useTranslation(['security', 'privacy']);
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">{t('title')}</Title>
      <Tabs defaultValue="logins" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="logins">{t('tabs.logins')}</Tabs.Tab>
          <Tabs.Tab value="password">{t('tabs.password')}</Tabs.Tab>
          <Tabs.Tab value="contact">{t('tabs.contact')}</Tabs.Tab>
          <Tabs.Tab value="twoFactor">{t('tabs.twoFactor')}</Tabs.Tab>
          <Tabs.Tab value="data">{t('privacy:tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="logins"><LoginHistory /></Tabs.Panel>
        <Tabs.Panel value="password"><PasswordChange /></Tabs.Panel>
        <Tabs.Panel value="contact"><Stack><ContactData /><EmailChange /></Stack></Tabs.Panel>
        <Tabs.Panel value="twoFactor"><TwoFactor /></Tabs.Panel>
        <Tabs.Panel value="data"><YourData /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
