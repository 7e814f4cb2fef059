// People who asked for portal access with their customer number; a manager approves or declines.
import { Anchor, Button, Group, Table, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { AccessRequest } from './invitations.api.ts';

type Decision = { request: AccessRequest; action: 'approve' | 'decline' };

export function AccessRequestsPage() {
  const { t } = useTranslation('invitations');
  const requests = useLoad<AccessRequest[]>('/api/access-requests');
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const pending = (requests.data ?? []).filter((r) => r.status === 'pending');

  return (
    <Page title={t('requests.title')}>
      {requests.loading && !requests.data ? <Loading /> : requests.error ? <LoadError message={errorText(t, requests.error)} /> : !pending.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('requests.person')}</Table.Th><Table.Th>{t('email')}</Table.Th><Table.Th>{t('createdAt')}</Table.Th>
                <Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pending.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${request.personId}`}>
                      {[request.customerNumber, request.personName].filter(Boolean).join(' · ') || t('requests.openPerson')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{request.email}</Table.Td>
                  <Table.Td>{formatDateTime(request.createdAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-xs" onClick={() => setDeciding({ request, action: 'approve' })}>{t('requests.approve')}</Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeciding({ request, action: 'decline' })}>{t('requests.decline')}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal opened={deciding !== null} onClose={() => setDeciding(null)} namespace="invitations" color={deciding?.action === 'approve' ? 'blue' : 'red'}
        title={deciding ? t(`requests.${deciding.action}`) : ''}
        message={deciding ? t(`requests.${deciding.action}Confirm`, { email: deciding.request.email }) : ''}
        confirmLabel={deciding ? t(`requests.${deciding.action}`) : ''}
        onConfirm={async () => { await post(`/api/access-requests/${deciding!.request.id}/${deciding!.action}`); await requests.reload(); }} />
    </Page>
  );
}
