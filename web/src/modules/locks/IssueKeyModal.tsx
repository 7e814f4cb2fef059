// Issuing a key: who holds it (a name, for the admin one of the people, or — while the lock's
// organisation option runs — an organisation, which then shares the lock's management), the
// medium (phone, remote, PIN code, tag) with its identifier or PIN, and when it opens: a period,
// weekdays, hours. A PIN or a phone's token is shown once, after issuing.
import { Alert, Button, Checkbox, Code, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Person } from '../people/people.api.ts';
import { formErrors } from './fieldError.ts';
import { MEDIA, type IssuedKey, type Lock, type Medium, type Organisation } from './locks.api.ts';

const FIELDS = ['holderName', 'personId', 'organisationId', 'medium', 'identifier', 'pin', 'validFrom', 'validUntil', 'weekdays', 'minutesFrom', 'minutesUntil'];
type Holder = 'name' | 'person' | 'organisation';

const minutes = (time: string) => { const [h, m] = time.split(':').map(Number); return h! * 60 + m!; };
const randomPin = () => String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0');

export function IssueKeyModal({ lock, onClose, onIssued }: { lock: Lock; onClose(): void; onIssued(): Promise<void> }) {
  const { t } = useTranslation('locks');
  const { me } = useSession();
  const admin = me?.role === 'manager_admin';
  const mayShare = lock.licence.sharing && lock.right === 'owner';
  const [holder, setHolder] = useState<Holder>('name');
  const [holderName, setHolderName] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [medium, setMedium] = useState<Medium | null>(null);
  const [identifier, setIdentifier] = useState('');
  const [pin, setPin] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [weekdays, setWeekdays] = useState<string[]>(['0', '1', '2', '3', '4', '5', '6']);
  const [hoursFrom, setHoursFrom] = useState('');
  const [hoursUntil, setHoursUntil] = useState('');
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const people = useLoad<Person[]>(admin && holder === 'person' ? '/api/people' : null);
  const organisations = useLoad<Organisation[]>(mayShare && holder === 'organisation' ? '/api/lock-organisations' : null);

  const { busy, error, submit } = useSubmit(t, async () => {
    const forOrganisation = holder === 'organisation';
    const result = await post<IssuedKey>(`/api/locks/${lock.id}/keys`, {
      ...(holder === 'name' && { holderName: holderName.trim() }),
      ...(holder === 'person' && personId && { personId }),
      ...(forOrganisation && organisationId && { organisationId }),
      ...(!forOrganisation && medium && { medium }),
      ...(!forOrganisation && (medium === 'fob' || medium === 'rfid') && identifier.trim() && { identifier: identifier.trim() }),
      ...(!forOrganisation && medium === 'pin' && pin && { pin }),
      ...(validFrom && { validFrom: new Date(`${validFrom}T00:00:00`).toISOString() }),
      ...(validUntil && { validUntil: new Date(`${validUntil}T23:59:59`).toISOString() }),
      weekdays: weekdays.reduce((bits, d) => bits | (1 << Number(d)), 0),
      ...(hoursFrom && { minutesFrom: minutes(hoursFrom) }),
      ...(hoursUntil && { minutesUntil: minutes(hoursUntil) || 1440 }),
    });
    notifications.show({ color: 'green', message: t('issue.done', { name: result.key.holderName }) });
    await onIssued();
    if (result.secret) setIssued(result); else onClose();
  });
  const { onField, alert } = formErrors(t, error, FIELDS);

  if (issued) {
    return (
      <Modal opened onClose={onClose} title={t('issue.issuedTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <Stack>
          <Alert color="orange" title={t('issue.onceTitle')}>{t(issued.key.medium === 'pin' ? 'issue.oncePin' : 'issue.onceToken', { name: issued.key.holderName })}</Alert>
          <Code block fz="xl" aria-label={t(issued.key.medium === 'pin' ? 'issue.pinLabel' : 'issue.tokenLabel')}>{issued.secret}</Code>
          <Group justify="flex-end"><Button onClick={onClose}>{t('issue.noted')}</Button></Group>
        </Stack>
      </Modal>
    );
  }

  const holders = [{ value: 'name', label: t('issue.holders.name') }];
  if (admin) holders.push({ value: 'person', label: t('issue.holders.person') });
  if (mayShare) holders.push({ value: 'organisation', label: t('issue.holders.organisation') });
  const ready = (holder === 'name' ? holderName.trim() : holder === 'person' ? personId : organisationId) && (holder === 'organisation' || medium) && weekdays.length > 0;

  return (
    <Modal opened onClose={onClose} title={t('issue.title')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {alert && <Alert color="red" role="alert">{alert}</Alert>}
          {holders.length > 1 && <SegmentedControl value={holder} onChange={(v) => setHolder(v as Holder)} data={holders} aria-label={t('issue.holder')} />}
          {holder === 'name' && <TextInput label={t('fields.holder')} required maxLength={160} value={holderName} onChange={(e) => setHolderName(e.currentTarget.value)} error={onField('holderName')} data-autofocus />}
          {holder === 'person' && <Select label={t('issue.person')} required searchable value={personId} onChange={setPersonId} error={onField('personId')}
            data={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName} (${p.customerNumber})` }))} />}
          {holder === 'organisation' && (
            <>
              <Text size="sm" c="dimmed">{t('issue.organisationHint')}</Text>
              <Select label={t('issue.organisation')} required searchable value={organisationId} onChange={setOrganisationId} error={onField('organisationId')}
                data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))} nothingFoundMessage={t('issue.noOrganisation')} />
            </>
          )}
          {holder !== 'organisation' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('fields.medium')} required allowDeselect={false} value={medium} onChange={(v) => setMedium(v as Medium)} error={onField('medium')}
                data={MEDIA.map((m) => ({ value: m, label: t(`media.${m}`) }))} />
              {(medium === 'fob' || medium === 'rfid') && (
                <TextInput label={t(medium === 'fob' ? 'issue.remoteNumber' : 'issue.tagUid')} required value={identifier} onChange={(e) => setIdentifier(e.currentTarget.value)} error={onField('identifier')} />
              )}
              {medium === 'pin' && (
                <TextInput label={t('issue.pin')} required inputMode="numeric" maxLength={8} value={pin} onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, ''))}
                  description={t('issue.pinHint')} error={onField('pin')} styles={{ input: { fontFamily: 'monospace' } }}
                  rightSectionWidth={90} rightSection={<Button size="compact-xs" variant="light" onClick={() => setPin(randomPin())}>{t('issue.generate')}</Button>} />
              )}
              {medium === 'phone' && <Text size="sm" c="dimmed" mt={28}>{t('issue.phoneHint')}</Text>}
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="date" label={t('issue.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={onField('validFrom')} />
            <TextInput type="date" label={t('issue.validUntil')} value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} error={onField('validUntil')} />
          </SimpleGrid>
          <Checkbox.Group label={t('issue.weekdays')} value={weekdays} onChange={setWeekdays} error={onField('weekdays') ?? (weekdays.length ? undefined : t('issue.noWeekday'))}>
            <Group gap="sm" mt={4}>
              {[0, 1, 2, 3, 4, 5, 6].map((d) => <Checkbox key={d} value={String(d)} label={t(`weekdays.short.${d}`)} aria-label={t(`weekdays.long.${d}`)} />)}
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="time" label={t('issue.hoursFrom')} value={hoursFrom} onChange={(e) => setHoursFrom(e.currentTarget.value)} error={onField('minutesFrom')} />
            <TextInput type="time" label={t('issue.hoursUntil')} value={hoursUntil} onChange={(e) => setHoursUntil(e.currentTarget.value)} error={onField('minutesUntil')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!ready}>{t('issue.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
