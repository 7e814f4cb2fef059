// Admins, office staff and technicians of the property manager: change a role, remove someone,
// choose the sites a technician works on, grant pseudonymised usage data (when the settlement
// contract includes it), and invite new staff.
import { Button, MultiSelect, Select, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, put } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { InviteModal } from '../invitations/InviteModal.tsx';
import type { Site } from '../sites/sites.api.ts';
import { PseudonymisedAccessSwitch } from './PseudonymisedAccessSwitch.tsx';
import type { PseudonymisedAccessOverview, StaffMember, StaffRole } from './staff.api.ts';

const ROLES: StaffRole[] = ['manager_admin', 'manager_staff', 'technician'];

export function StaffPage() {
  const { t } = useTranslation('staff');
  const { me } = useSession();
  const staff = useLoad<StaffMember[]>('/api/staff');
  const sites = useLoad<Site[]>('/api/sites');
  // Without the option in the contract (or if it cannot be read) the column is not shown at all.
  const access = useLoad<PseudonymisedAccessOverview>('/api/pseudonymised-access');
  const option = access.data?.available ? access.data : null;
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const [inviting, setInviting] = useState(false);
  const admin = me?.role === 'manager_admin';
  const siteOptions = (sites.data ?? []).map((s) => ({ value: s.id, label: s.name }));

  const change = async (action: () => Promise<unknown>) => {
    try {
      await action();
      notifications.show({ message: t('common:saved') });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err) });
    }
    await Promise.all([staff.reload(), access.reload()]);
  };

  return (
    <Page title={t('title')} actions={admin && <Button onClick={() => setInviting(true)}>{t('invite')}</Button>}>
      {staff.loading && !staff.data ? <Loading /> : staff.error ? <LoadError message={errorText(t, staff.error)} /> : !staff.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={option ? 960 : 760}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('name')}</Table.Th><Table.Th>{t('role')}</Table.Th><Table.Th>{t('sites')}</Table.Th>
                {option && (
                  <Table.Th>
                    {t('pseudonymised.title')}
                    <Text size="xs" c="dimmed" fw={400}>{t('pseudonymised.granted', { granted: option.userIds.length, limit: option.limit })}</Text>
                  </Table.Th>
                )}
                <Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.map((member) => (
                <Table.Tr key={member.userId}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{member.displayName}</Text>
                    <Text size="xs" c="dimmed">{member.email}</Text>
                  </Table.Td>
                  <Table.Td w={200}>
                    <Select aria-label={t('roleOf', { name: member.displayName })} size="xs" allowDeselect={false} disabled={!admin} value={member.role}
                      data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      onChange={(role) => role && role !== member.role && change(() => patch(`/api/staff/${member.userId}`, { role }))} />
                  </Table.Td>
                  <Table.Td miw={240}>
                    {member.role === 'technician' ? (
                      <MultiSelect aria-label={t('sitesOf', { name: member.displayName })} size="xs" disabled={!admin} value={member.siteIds}
                        data={siteOptions} placeholder={member.siteIds.length ? undefined : t('noSites')} searchable clearable
                        onChange={(siteIds) => change(() => put(`/api/staff/${member.userId}/sites`, { siteIds }))} />
                    ) : <Text size="sm" c="dimmed">{t('allSites')}</Text>}
                  </Table.Td>
                  {option && (
                    <Table.Td w={220}>
                      <PseudonymisedAccessSwitch member={member} access={option} admin={admin}
                        onChange={(granted) => change(() => {
                          const path = `/api/staff/${member.userId}/pseudonymised-access`;
                          return granted ? put(path, {}) : del(path);
                        })} />
                    </Table.Td>
                  )}
                  <Table.Td ta="right">
                    {admin && member.userId !== me?.user.id && (
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={t('removeNamed', { name: member.displayName })}
                        onClick={() => setRemoving(member)}>{t('remove')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {inviting && <InviteModal title={t('invite')} onClose={() => setInviting(false)}
        onSent={(email) => { notifications.show({ color: 'green', message: t('invited', { email }) }); }} />}
      <ConfirmModal opened={removing !== null} onClose={() => setRemoving(null)} namespace="staff" title={t('remove')}
        message={t('removeConfirm', { name: removing?.displayName ?? '' })} confirmLabel={t('remove')}
        onConfirm={async () => { await del(`/api/staff/${removing!.userId}`); await Promise.all([staff.reload(), access.reload()]); }} />
    </Page>
  );
}
