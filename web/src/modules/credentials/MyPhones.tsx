// The resident's phones: each one registered gets its own idTag, shown once (with a QR code to
// scan in the app) and never again; a lost or replaced phone is revoked here.
import { Alert, Button, Card, Code, Group, Image, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { Empty } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Credential, PhoneIssued } from './credentials.api.ts';
import { CredentialStatusBadge } from './CredentialStatusBadge.tsx';

export function MyPhones({ phones, onChange }: { phones: Credential[]; onChange(): void }) {
  const { t } = useTranslation('credentials');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<PhoneIssued | null>(null);
  const [revoking, setRevoking] = useState<Credential | null>(null);
  const add = useSubmit(t, async () => {
    setIssued(await post<PhoneIssued>('/api/me/credentials/phone', { name: name.trim() }));
    setName('');
    onChange();
  });
  const revoke = async () => {
    await post(`/api/me/credentials/${revoking!.id}/revoke`);
    notifications.show({ color: 'green', message: t('phones.revoked') });
    onChange();
  };

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">{t('phones.title')}</Title>
        <Text size="sm">{t('phones.hint')}</Text>
        {phones.length === 0 ? <Empty /> : (
          <Table striped aria-label={t('phones.title')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('phones.name')}</Table.Th><Table.Th>{t('columns.status')}</Table.Th><Table.Th>{t('columns.since')}</Table.Th><Table.Th>{t('common:actions')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {phones.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.label}</Table.Td>
                  <Table.Td><CredentialStatusBadge credential={p} /></Table.Td>
                  <Table.Td>{formatDate(p.statusChangedAt)}</Table.Td>
                  <Table.Td>{p.status === 'active' || p.status === 'blocked' ? <Button size="xs" variant="default" onClick={() => setRevoking(p)}>{t('phones.revoke')}</Button> : null}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={add.submit} noValidate>
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('phones.name')} placeholder={t('phones.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)}
              maxLength={40} error={add.fields.name} w={{ base: '100%', xs: 280 }} />
            <Button type="submit" loading={add.busy} disabled={!name.trim()}>{t('phones.add')}</Button>
          </Group>
          {add.error !== null && <Alert color="red" role="alert" mt="sm">{errorText(t, add.error)}</Alert>}
        </form>
      </Stack>
      <Modal opened={issued !== null} onClose={() => setIssued(null)} title={t('phones.issuedTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        {issued && (
          <Stack align="center">
            <Text>{t('phones.issuedText', { name: issued.credential.label })}</Text>
            <Image src={issued.qrDataUrl} alt={t('phones.qrAlt')} w={220} h={220} />
            <Code fz="lg" data-testid="phone-id-tag">{issued.idTag}</Code>
            <Alert color="orange">{t('phones.once')}</Alert>
            <Button onClick={() => setIssued(null)}>{t('phones.done')}</Button>
          </Stack>
        )}
      </Modal>
      <ConfirmModal opened={revoking !== null} namespace="credentials" title={t('phones.revokeTitle')}
        message={revoking ? t('phones.revokeText', { name: revoking.label }) : ''} confirmLabel={t('phones.revoke')}
        onConfirm={revoke} onClose={() => setRevoking(null)} />
    </Card>
  );
}
