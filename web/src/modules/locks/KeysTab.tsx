// A lock's keys: holder, medium, identifier, when the key opens (in words), when issued, and
// whether it is active or revoked; searched and filtered. Whoever manages the lock issues keys
// (not in revoke-only mode and not when no purchased key is left; the button says why) and
// revokes them after confirming — in revoke-only mode too.
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { IssueKeyModal } from './IssueKeyModal.tsx';
import { windowWords, type Key, type KeysPage, type Lock } from './locks.api.ts';

const MEDIUM_COLOR: Record<string, string> = { phone: 'blue', fob: 'grape', pin: 'orange', rfid: 'teal' };

export function KeysTab({ lock, version, onChanged }: { lock: Lock; version: number; onChanged(): Promise<void> }) {
  const { t } = useTranslation('locks');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('active');
  const [page, setPage] = useState(1);
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const query = new URLSearchParams({ page: String(page), pageSize: '50' });
  if (status !== 'all') query.set('status', status);
  if (search.trim()) query.set('search', search.trim());
  const keys = useLoad<KeysPage>(`/api/locks/${lock.id}/keys?${query}`);
  const { reload } = keys;
  useEffect(() => { if (version > 0) void reload(); }, [version, reload]);
  const manages = lock.right === 'owner' || lock.right === 'shared';
  const why = lock.licence.management === 'revoke_only' ? t('keys.whyRevokeOnly') : lock.licence.issuableKeys === 0 ? t('keys.whyNoneLeft') : null;
  const pages = keys.data ? Math.max(1, Math.ceil(keys.data.total / keys.data.pageSize)) : undefined;
  const changed = async () => { await Promise.all([keys.reload(), onChanged()]); };

  const revoke = async (key: Key) => {
    await post(`/api/locks/${lock.id}/keys/${key.id}/revoke`);
    notifications.show({ color: 'green', message: t('revoke.done', { name: key.holderName }) });
    await changed();
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('keys.search')} value={search} w={260} onChange={(e) => { setSearch(e.currentTarget.value); setPage(1); }} />
          <SegmentedControl value={status} onChange={(v) => { setStatus(v); setPage(1); }} aria-label={t('keys.filter')}
            data={[{ value: 'active', label: t('keys.status.active') }, { value: 'revoked', label: t('keys.status.revoked') }, { value: 'all', label: t('keys.status.all') }]} />
        </Group>
        {manages && (
          <Group gap="xs">
            {why && <Text size="sm" c="dimmed" maw={360}>{why}</Text>}
            <Button disabled={why !== null} onClick={() => setIssuing(true)}>{t('issue.button')}</Button>
          </Group>
        )}
      </Group>
      {keys.error ? <LoadError message={errorText(t, keys.error)} /> : !keys.data ? <Loading /> : !keys.data.keys.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped aria-label={t('keys.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.holder')}</Table.Th><Table.Th>{t('fields.medium')}</Table.Th><Table.Th>{t('fields.identifier')}</Table.Th>
                <Table.Th>{t('fields.window')}</Table.Th><Table.Th>{t('fields.issued')}</Table.Th><Table.Th>{t('fields.status')}</Table.Th>
                {manages && <Table.Th>{t('common:actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.keys.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>{key.holderName}</Table.Td>
                  <Table.Td><Badge variant="dot" color={key.medium ? MEDIUM_COLOR[key.medium] : 'gray'} styles={{ label: { overflow: 'visible' } }}>{t(key.medium ? `media.${key.medium}` : 'media.organisation')}</Badge></Table.Td>
                  <Table.Td><Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>{key.identifier ?? '–'}</Text></Table.Td>
                  <Table.Td>{key.organisationId ? t('keys.sharesManagement') : windowWords(t, key)}</Table.Td>
                  <Table.Td>{formatDate(key.issuedAt)}</Table.Td>
                  <Table.Td>{key.revokedAt
                    ? <Badge color="gray" variant="light" styles={{ label: { overflow: 'visible' } }}>{t('keys.revokedOn', { date: formatDate(key.revokedAt) })}</Badge>
                    : <Badge color="green" variant="light">{t('keys.status.active')}</Badge>}</Table.Td>
                  {manages && (
                    <Table.Td>
                      {!key.revokedAt && (lock.right === 'owner' || !key.organisationId) && (
                        <Button size="xs" color="red" variant="light" aria-label={t('revoke.of', { name: key.holderName })} onClick={() => setRevoking(key)}>{t('revoke.button')}</Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={page} onPage={setPage} hasNext={pages !== undefined && page < pages} pages={pages} />
      {issuing && <IssueKeyModal lock={lock} onClose={() => setIssuing(false)} onIssued={changed} />}
      <ConfirmModal opened={revoking !== null} onClose={() => setRevoking(null)} namespace="locks" title={t('revoke.title')}
        message={t('revoke.confirm', { name: revoking?.holderName ?? '' })} confirmLabel={t('revoke.button')} onConfirm={() => revoke(revoking!)} />
    </Stack>
  );
}
