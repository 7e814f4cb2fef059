// "My badges": the resident's badges and fobs (report one lost), phones (add, revoke), PIN code,
// claiming a badge that registered itself at a terminal, and asking for a badge.
import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { ClaimBadge } from './claim/ClaimBadge.tsx';
import { ended, type Credential } from './credentials.api.ts';
import { MyBadges } from './MyBadges.tsx';
import { MyPhones } from './MyPhones.tsx';
import { MyPin } from './MyPin.tsx';
import { RequestBadge } from './RequestBadge.tsx';

export function MyBadgesPage() {
  const { t } = useTranslation('credentials');
  const credentials = useLoad<Credential[]>('/api/me/credentials');
  const reload = () => void credentials.reload();

  if (credentials.loading && !credentials.data) return <Loading />;
  if (credentials.error || !credentials.data) return <LoadError message={errorText(t, credentials.error)} />;
  const all = credentials.data;
  const badges = all.filter((c) => c.type === 'rfid' || c.type === 'fob');
  // Revoked phones are of no further use to the resident; lost badges stay listed as a record.
  const phones = all.filter((c) => c.type === 'phone' && !ended(c));
  const pin = all.find((c) => c.type === 'pin' && !ended(c));

  return (
    <Page title={t('mine.title')}>
      <MyBadges badges={badges} onChange={reload} />
      <ClaimBadge onClaimed={reload} />
      <RequestBadge badges={badges} onChange={reload} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <MyPhones phones={phones} onChange={reload} />
        <MyPin pin={pin} onChange={reload} />
      </SimpleGrid>
    </Page>
  );
}
