// Invites someone to the portal by e-mail with a role; the server sends the invitation mail.
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { INVITABLE_ROLES, type InvitationRole } from './invitations.api.ts';

interface Props {
  title: string;
  onClose(): void;
  onSent(email: string): Promise<void> | void;
}

export function InviteModal({ title, onClose, onSent }: Props) {
  const { t } = useTranslation('invitations');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitationRole>('manager_staff');
  const [partyId, setPartyId] = useState<string | null>(null);
  // A lock owner's login acts for a lock owner or an organisation of the property manager.
  const parties = useLoad<{ id: string; name: string; kind: string }[]>(role === 'lock_owner' ? '/api/parties' : null);
  const { busy, error, fields, submit } = useSubmit(t, async () => {
    await post('/api/invitations', { email, role, ...(role === 'lock_owner' && { partyId }) });
    await onSent(email);
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit}>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <TextInput label={t('email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fields.email} data-autofocus />
          <Select label={t('role')} required allowDeselect={false} value={role}
            data={INVITABLE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} onChange={(r) => r && setRole(r as InvitationRole)} error={fields.role} />
          {role === 'lock_owner' && (
            <Select label={t('party')} required searchable value={partyId} onChange={setPartyId} error={fields.partyId}
              data={(parties.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${t(`partyKinds.${p.kind}`)})` }))} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy}>{t('send')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
