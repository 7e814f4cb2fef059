// One lock (/locks/:id): what it is and where, its licence with a code to redeem, and two tabs —
// its keys and its event log. The owner renames or places it (not in revoke-only mode) and
// removes it after confirming: its keys are revoked, its licence is kept for a later registration.
import { Anchor, Button, Card, Group, SimpleGrid, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { del } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { EditLockModal } from './EditLockModal.tsx';
import { EventsTab } from './EventsTab.tsx';
import { KeysTab } from './KeysTab.tsx';
import { LicenceCard } from './LicenceCard.tsx';
import type { Account, Lock } from './locks.api.ts';
import { LockWarnings } from './LocksPage.tsx';
import type { Place } from './PlaceFields.tsx';

export function LockDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('locks');
  const { me } = useSession();
  const navigate = useNavigate();
  const lock = useLoad<Lock>(`/api/locks/${id}`);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [version, setVersion] = useState(0);
  const owner = lock.data?.right === 'owner';
  const account = useLoad<Account>(me?.role === 'lock_owner' && editing ? '/api/lock-account' : null);
  const mayPlace = me?.role === 'manager_admin' || account.data?.buildingManagementAt != null;
  const places = useLoad<Place[]>(editing && mayPlace ? '/api/lock-places' : null);

  if (lock.error) return <Page title={t('title')}><LoadError message={errorText(t, lock.error)} /></Page>;
  if (!lock.data) return <Loading />;
  const l = lock.data;
  const revokeOnly = l.licence.management === 'revoke_only';
  const reload = async () => { await lock.reload(); setVersion((v) => v + 1); };
  const remove = async () => {
    await del(`/api/locks/${l.id}`);
    notifications.show({ color: 'green', message: t('remove.done', { name: l.name }) });
    navigate('/locks');
  };

  return (
    <Page title={l.name} actions={owner && (
      <>
        <Button variant="default" disabled={revokeOnly} title={revokeOnly ? t('licence.revokeOnlyShort') : undefined} onClick={() => setEditing(true)}>{t('edit.button')}</Button>
        <Button color="red" variant="light" onClick={() => setRemoving(true)}>{t('remove.button')}</Button>
      </>
    )}>
      <Anchor component={Link} to="/locks" size="sm">← {t('title')}</Anchor>
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <div><Text size="xs" c="dimmed">{t('fields.serial')}</Text><Text ff="monospace" size="sm">{l.serial}</Text></div>
          <div><Text size="xs" c="dimmed">{t('fields.owner')}</Text><Text size="sm">{l.owner.name}</Text></div>
          <div><Text size="xs" c="dimmed">{t('fields.place')}</Text><Text size="sm">{l.site ? [l.site.name, l.unit?.label].filter(Boolean).join(' · ') : '–'}</Text></div>
          <div><Text size="xs" c="dimmed">{t('fields.lastSeen')}</Text><Group gap={6}><Text size="sm">{l.lastSeenAt ? formatDateTime(l.lastSeenAt) : t('list.neverSeen')}</Text><LockWarnings lock={l} /></Group></div>
        </SimpleGrid>
      </Card>
      <LicenceCard lock={l} onRedeemed={reload} />
      <Tabs defaultValue="keys" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="keys">{t('keys.tab')}</Tabs.Tab>
          <Tabs.Tab value="events">{t('events.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="keys" pt="md"><KeysTab lock={l} version={version} onChanged={() => lock.reload()} /></Tabs.Panel>
        <Tabs.Panel value="events" pt="md"><EventsTab lock={l} /></Tabs.Panel>
      </Tabs>
      {editing && (!mayPlace || places.data) && (me?.role !== 'lock_owner' || account.data) && (
        <EditLockModal lock={l} places={mayPlace ? places.data : null} onClose={() => setEditing(false)} onSaved={reload} />
      )}
      <ConfirmModal opened={removing} onClose={() => setRemoving(false)} namespace="locks" title={t('remove.title')}
        message={t('remove.confirm', { name: l.name })} confirmLabel={t('remove.submit')} onConfirm={remove} />
    </Page>
  );
}
