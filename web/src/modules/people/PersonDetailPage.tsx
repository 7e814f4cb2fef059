// One person: contact data and language (a business customer's company and VAT ID too), the units
// they occupy, and an invitation to the portal.
import { Alert, Anchor, Badge, Button, Group, Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { patch, post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { OccupanciesSection } from '../occupancies/OccupanciesSection.tsx';
import type { PersonDetail } from './people.api.ts';
import { PersonForm } from './PersonForm.tsx';

export function PersonDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation('people');
  const person = useLoad<PersonDetail>(`/api/people/${id}`);
  const [inviting, setInviting] = useState(false);
  const [inviteError, setInviteError] = useState<string | null>(null);

  if (person.loading && !person.data) return <Loading />;
  if (person.error || !person.data) return <LoadError message={errorText(t, person.error)} />;
  const { id: _id, customerNumber, occupancies, ...initial } = person.data;
  const { email, companyName, vatId } = person.data;

  const invite = async () => {
    setInviting(true);
    setInviteError(null);
    try {
      await post('/api/invitations', { email, role: 'resident', personId: id });
      notifications.show({ color: 'green', message: t('invited', { email }) });
    } catch (err) {
      setInviteError(errorText(t, err));
    } finally {
      setInviting(false);
    }
  };

  return (
    <Page title={`${person.data.firstName} ${person.data.lastName} · ${customerNumber}`} actions={<>
      <Anchor component={Link} to="/people">{t('back')}</Anchor>
      <Button variant="light" onClick={invite} loading={inviting} disabled={!email} title={email ? undefined : t('inviteNeedsEmail')}>{t('invite')}</Button>
    </>}>
      {inviteError && <Alert color="red" role="alert">{inviteError}</Alert>}
      {(companyName || vatId) && (
        <Group gap="sm">
          <Badge variant="light">{t('business.title')}</Badge>
          {companyName && <Text fw={500}>{companyName}</Text>}
          {vatId && <Text c="dimmed">{t('business.vatIdShown', { vatId })}</Text>}
        </Group>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">{t('contact')}</Title>
        <PersonForm key={JSON.stringify(initial)} initial={initial} submitLabel={t('common:save')} onSubmit={async (input) => {
          await patch(`/api/people/${id}`, input);
          notifications.show({ message: t('common:saved') });
          await person.reload();
        }} />
      </Paper>
      <OccupanciesSection personId={id!} occupancies={occupancies} onChange={person.reload} />
    </Page>
  );
}
