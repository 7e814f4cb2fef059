// The resident's start page: who is logged in, with which property manager. Later issues add
// the balance, sessions and tickets here.
import { Alert, Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/session.tsx';

export function HomePage() {
  const { t } = useTranslation('home');
  const { me } = useSession();
  if (!me) return null;
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">{t('greeting', { name: me.user.displayName })}</Title>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <div><Text size="sm" c="dimmed">{t('name')}</Text><Text>{me.user.displayName}</Text></div>
          <div><Text size="sm" c="dimmed">{t('email')}</Text><Text style={{ overflowWrap: 'anywhere' }}>{me.user.email}</Text></div>
          {me.customerNumber && <div><Text size="sm" c="dimmed">{t('customerNumber')}</Text><Text>{me.customerNumber}</Text></div>}
          {me.tenant && <div><Text size="sm" c="dimmed">{t('manager')}</Text><Text>{me.tenant.name}</Text></div>}
        </SimpleGrid>
      </Card>
      {!me.user.twoFactorEnabled && (
        <Alert color="blue" title={t('twoFactorTitle')}>
          {t('twoFactorHint')} <Anchor component={Link} to="/security" size="sm">{t('toSecurity')}</Anchor>
        </Alert>
      )}
    </Stack>
  );
}
