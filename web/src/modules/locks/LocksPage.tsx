// Locks (/locks): for a lock owner the locks it owns and those shared with its organisation (the
// right as a badge), for the property manager's office every lock of the tenant (the admin acts
// as owner, staff read). Each row: licence state, keys active and still issuable, when the lock
// was last seen and its warnings. A lock is registered in a modal.
import { Anchor, Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { licenceBadge, type Account, type Lock } from './locks.api.ts';
import type { Place } from './PlaceFields.tsx';
import { RegisterLockModal } from './RegisterLockModal.tsx';

export function LockWarnings({ lock }: { lock: Lock }) {
  const { t } = useTranslation('locks');
  return (
    <Group gap={4}>
      {lock.batteryLowAt && <Badge color="orange" variant="light">{t('warnings.batteryLow')}</Badge>}
      {lock.tamperAt && <Badge color="red" variant="light">{t('warnings.tamper')}</Badge>}
    </Group>
  );
}

export function LocksPage() {
  const { t } = useTranslation('locks');
  const { me } = useSession();
  const navigate = useNavigate();
  const admin = me?.role === 'manager_admin';
  const owner = me?.role === 'lock_owner';
  const [search, setSearch] = useState('');
  const [registering, setRegistering] = useState(false);
  const locks = useLoad<Lock[]>(`/api/locks${search.trim() ? `?search=${encodeURIComponent(search.trim())}` : ''}`);
  const account = useLoad<Account>(owner ? '/api/lock-account' : null);
  const mayPlace = admin || (owner && account.data?.buildingManagementAt != null);
  const places = useLoad<Place[]>(registering && mayPlace ? '/api/lock-places' : null);
  const owners = useLoad<{ id: string; name: string }[]>(registering && admin ? '/api/parties' : null);
  const canRegister = admin || owner;

  return (
    <Page title={t('title')} actions={canRegister && <Button onClick={() => setRegistering(true)}>{t('register.button')}</Button>}>
      <TextInput label={t('list.search')} placeholder={t('list.searchHint')} value={search} maw={360} onChange={(e) => setSearch(e.currentTarget.value)} />
      {locks.error ? <LoadError message={errorText(t, locks.error)} /> : !locks.data ? <Loading /> : !locks.data.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('list.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th><Table.Th>{t('fields.serial')}</Table.Th><Table.Th>{t('fields.owner')}</Table.Th>
                <Table.Th>{t('fields.place')}</Table.Th><Table.Th>{t('fields.licence')}</Table.Th><Table.Th>{t('fields.keys')}</Table.Th>
                <Table.Th>{t('fields.lastSeen')}</Table.Th><Table.Th>{t('fields.warnings')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {locks.data.map((lock) => {
                const badge = licenceBadge(t, lock.licence);
                return (
                  <Table.Tr key={lock.id}>
                    <Table.Td>
                      <Group gap={6}>
                        <Anchor component={Link} to={`/locks/${lock.id}`}>{lock.name}</Anchor>
                        {lock.right !== 'owner' && <Badge size="sm" variant="outline" color={lock.right === 'shared' ? 'grape' : 'gray'}>{t(`rights.${lock.right}`)}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td><Text ff="monospace" size="sm">{lock.serial}</Text></Table.Td>
                    <Table.Td>{lock.owner.name}</Table.Td>
                    <Table.Td>{lock.site ? [lock.site.name, lock.unit?.label].filter(Boolean).join(' · ') : '–'}</Table.Td>
                    <Table.Td><Badge color={badge.color} variant="light" styles={{ label: { overflow: 'visible' } }}>{badge.label}</Badge></Table.Td>
                    <Table.Td>{t('list.keys', { active: lock.licence.activeKeys, issuable: lock.licence.issuableKeys })}</Table.Td>
                    <Table.Td>{lock.lastSeenAt ? formatDateTime(lock.lastSeenAt) : t('list.neverSeen')}</Table.Td>
                    <Table.Td><LockWarnings lock={lock} /></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {registering && (!mayPlace || places.data) && (!admin || owners.data) && (
        <RegisterLockModal owners={admin ? owners.data : null} places={mayPlace ? places.data : null} onClose={() => setRegistering(false)}
          onRegistered={(lock) => { setRegistering(false); navigate(`/locks/${lock.id}`); }} />
      )}
    </Page>
  );
}
