// The resident's badges and remote fobs with their state. One that works (or waits for its fee)
// can be reported lost, after a confirmation: it stops working at once and for good.
import { Alert, Anchor, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { Empty } from '../../ui/Page.tsx';
import { reportable, type Credential } from './credentials.api.ts';
import { CredentialStatusBadge } from './CredentialStatusBadge.tsx';

export function MyBadges({ badges, onChange }: { badges: Credential[]; onChange(): void }) {
  const { t } = useTranslation('credentials');
  const [reporting, setReporting] = useState<Credential | null>(null);
  const awaitingFee = badges.some((b) => b.status === 'awaiting_fee' || (b.status === 'ordered' && b.fee?.status === 'open'));

  const report = async () => {
    await post(`/api/me/credentials/${reporting!.id}/report-lost`, {});
    notifications.show({ color: 'green', message: t('mine.lostDone') });
    onChange();
  };

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">{t('mine.badges')}</Title>
        {awaitingFee && (
          <Alert color="orange">
            {t('mine.payHint')} <Anchor component={Link} to="/wallet">{t('mine.toWallet')}</Anchor>
          </Alert>
        )}
        {badges.length === 0 ? <Empty /> : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label={t('mine.badges')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.label')}</Table.Th><Table.Th>{t('columns.uid')}</Table.Th><Table.Th>{t('columns.status')}</Table.Th>
                  <Table.Th>{t('columns.since')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {badges.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>{b.label ?? (b.status === 'ordered' ? t('mine.onItsWay') : t(`types.${b.type}`))}</Text>
                      {b.type === 'fob' && <Text size="xs" c="dimmed">{t('types.fob')}</Text>}
                    </Table.Td>
                    <Table.Td ff="monospace">{b.uid ?? '–'}</Table.Td>
                    <Table.Td><CredentialStatusBadge credential={b} /></Table.Td>
                    <Table.Td>{formatDate(b.statusChangedAt)}</Table.Td>
                    <Table.Td>
                      {reportable(b) && <Button size="xs" color="red" variant="light" onClick={() => setReporting(b)}>{t('mine.reportLost')}</Button>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmModal opened={reporting !== null} namespace="credentials" title={t('mine.lostTitle')}
        message={reporting ? t('mine.lostText', { label: reporting.label ?? reporting.uid ?? '' }) : ''}
        confirmLabel={t('mine.lostConfirm')} onConfirm={report} onClose={() => setReporting(null)} />
    </Card>
  );
}
