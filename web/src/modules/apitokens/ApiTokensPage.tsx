// API tokens for integrations: scoped, revocable; the secret is shown once, right after creation.
import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { CreateTokenModal } from './CreateTokenModal.tsx';

export interface ApiToken {
  id: string; name: string; prefix: string; scopes: string[];
  createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
}

export function ApiTokensPage() {
  const { t } = useTranslation('apitokens');
  const tokens = useLoad<ApiToken[]>('/api/api-tokens');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Page title={t('title')} actions={<Button onClick={() => setCreating(true)}>{t('new')}</Button>}>
      <Text c="dimmed" size="sm">{t('intro')}</Text>
      {tokens.loading && !tokens.data ? <Loading /> : tokens.error ? <LoadError message={errorText(t, tokens.error)} /> : !tokens.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('name')}</Table.Th><Table.Th>{t('prefix')}</Table.Th><Table.Th>{t('scopes')}</Table.Th>
                <Table.Th>{t('createdAt')}</Table.Th><Table.Th>{t('lastUsedAt')}</Table.Th><Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id} c={token.revokedAt ? 'dimmed' : undefined}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td ff="monospace">{token.prefix}…</Table.Td>
                  <Table.Td><Group gap={4}>{token.scopes.map((s) => <Badge key={s} variant="light" size="sm">{t(`scopeNames.${s.replace(':', '_')}`, { defaultValue: s })}</Badge>)}</Group></Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(token.lastUsedAt)}</Table.Td>
                  <Table.Td ta="right">
                    {token.revokedAt ? <Badge color="gray" variant="light">{t('revoked')}</Badge> : (
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={t('revokeNamed', { name: token.name })}
                        onClick={() => setRevoking(token)}>{t('revoke')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && <CreateTokenModal onClose={() => setCreating(false)} onCreated={tokens.reload} />}
      <ConfirmModal opened={revoking !== null} onClose={() => setRevoking(null)} namespace="apitokens" title={t('revoke')}
        message={t('revokeConfirm', { name: revoking?.name ?? '' })} confirmLabel={t('revoke')}
        onConfirm={async () => { await del(`/api/api-tokens/${revoking!.id}`); await tokens.reload(); }} />
    </Page>
  );
}
