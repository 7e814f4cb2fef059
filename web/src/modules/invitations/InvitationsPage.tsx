// Every invitation of the property manager with its state; pending ones can be revoked.
import { Badge, Button, SegmentedControl, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { statusOf, type Invitation, type InvitationStatus } from './invitations.api.ts';
import { InviteModal } from './InviteModal.tsx';

const COLORS: Record<InvitationStatus, string> = { pending: 'blue', accepted: 'green', revoked: 'gray', expired: 'orange' };
const FILTERS = ['all', 'pending', 'accepted', 'revoked', 'expired'] as const;

export function InvitationsPage() {
  const { t } = useTranslation('invitations');
  const invitations = useLoad<Invitation[]>('/api/invitations');
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const shown = (invitations.data ?? []).filter((i) => filter === 'all' || statusOf(i) === filter);

  return (
    <Page title={t('title')} actions={<Button onClick={() => setInviting(true)}>{t('new')}</Button>}>
      <SegmentedControl aria-label={t('filter')} value={filter} onChange={(v) => setFilter(v as typeof filter)}
        data={FILTERS.map((f) => ({ value: f, label: t(`filters.${f}`) }))} style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }} />
      {invitations.loading && !invitations.data ? <Loading /> : invitations.error ? <LoadError message={errorText(t, invitations.error)} /> : !shown.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('email')}</Table.Th><Table.Th>{t('role')}</Table.Th><Table.Th>{t('status')}</Table.Th>
                <Table.Th>{t('createdAt')}</Table.Th><Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((invitation) => {
                const status = statusOf(invitation);
                return (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>{invitation.email}{invitation.personName && <Text size="xs" c="dimmed">{invitation.personName}</Text>}</Table.Td>
                    <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                    <Table.Td><Badge variant="light" color={COLORS[status]}>{t(`statuses.${status}`)}</Badge></Table.Td>
                    <Table.Td>{formatDateTime(invitation.createdAt)}</Table.Td>
                    <Table.Td ta="right">
                      {status === 'pending' && (
                        <Button size="compact-xs" variant="subtle" color="red" aria-label={t('revokeNamed', { email: invitation.email })}
                          onClick={() => setRevoking(invitation)}>{t('revoke')}</Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {inviting && <InviteModal title={t('new')} onClose={() => setInviting(false)} onSent={async (email) => {
        notifications.show({ color: 'green', message: t('sent', { email }) });
        await invitations.reload();
      }} />}
      <ConfirmModal opened={revoking !== null} onClose={() => setRevoking(null)} namespace="invitations" title={t('revoke')}
        message={t('revokeConfirm', { email: revoking?.email ?? '' })} confirmLabel={t('revoke')}
        onConfirm={async () => { await del(`/api/invitations/${revoking!.id}`); await invitations.reload(); }} />
    </Page>
  );
}
