// A resident asks for a badge: their first, an additional one or a replacement after a loss, for
// laundry, charging or their private charger (then with the parking space or the charger's serial
// number). Every badge carries the badge fee, shown before asking. Below: their requests and how
// staff decided them, with the reason of a rejection.
import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { newId } from '../../ui/ids.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import { ended, requestStatusColor, type BadgeRequest, type BadgeTerms, type Credential } from './credentials.api.ts';

type Kind = BadgeRequest['kind'];
type Purpose = BadgeRequest['purpose'];

function suggestedKind(badges: Credential[]): Kind {
  const rfid = badges.filter((b) => b.type === 'rfid');
  if (rfid.some((b) => !ended(b))) return 'additional';
  return rfid.some((b) => b.status === 'lost') ? 'replacement' : 'first';
}

export function RequestBadge({ badges, onChange }: { badges: Credential[]; onChange(): void }) {
  const { t } = useTranslation('credentials');
  const terms = useLoad<BadgeTerms>('/api/badge-terms');
  const requests = useLoad<BadgeRequest[]>('/api/me/badge-requests');
  const [kind, setKind] = useState<Kind>(() => suggestedKind(badges));
  const [kindChosen, setKindChosen] = useState(false);
  // Until the resident picks one, the kind follows their badges (a badge just reported lost → replacement).
  useEffect(() => { if (!kindChosen) setKind(suggestedKind(badges)); }, [badges, kindChosen]);
  const [purpose, setPurpose] = useState<Purpose>('laundry');
  const [parkingSpace, setParkingSpace] = useState('');
  const [chargerSerial, setChargerSerial] = useState('');
  const [note, setNote] = useState('');
  // Chosen when the resident confirms, so a retry after a lost answer asks once.
  const [requestId, setRequestId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const privateCharger = purpose === 'private_charger';
  const valid = !privateCharger || parkingSpace.trim() !== '' || chargerSerial.trim() !== '';
  const total = terms.data ? terms.data.badgeFeeMinor + terms.data.shippingMinor : null;
  const money = (minor: number) => formatMoney(minor, terms.data?.currency ?? 'EUR');

  const send = async () => {
    setError(null);
    try {
      await post('/api/me/badge-requests', {
        id: requestId, kind, purpose, note: note.trim() || undefined,
        ...(privateCharger && { parkingSpace: parkingSpace.trim() || undefined, chargerSerial: chargerSerial.trim() || undefined }),
      });
    } catch (err) {
      setError(err);
      throw err;
    }
    notifications.show({ color: 'green', message: t('request.sent') });
    setNote('');
    setParkingSpace('');
    setChargerSerial('');
    await requests.reload();
    onChange();
  };

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">{t('request.title')}</Title>
        {terms.data && total !== null && (
          <Text size="sm">{t('request.feeHint', { fee: money(terms.data.badgeFeeMinor), shipping: money(terms.data.shippingMinor), total: money(total) })}</Text>
        )}
        <form onSubmit={(e) => { e.preventDefault(); if (valid) setRequestId(newId()); }} noValidate>
          <Stack>
            <Group align="flex-start" wrap="wrap">
              <Select label={t('request.kind')} value={kind} onChange={(v) => { if (v) { setKind(v as Kind); setKindChosen(true); } }} allowDeselect={false} w={{ base: '100%', xs: 240 }}
                data={(['first', 'additional', 'replacement'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
              <Select label={t('request.purpose')} value={purpose} onChange={(v) => v && setPurpose(v as Purpose)} allowDeselect={false} w={{ base: '100%', xs: 240 }}
                data={(['laundry', 'charging', 'private_charger'] as const).map((p) => ({ value: p, label: t(`purposes.${p}`) }))} />
            </Group>
            {privateCharger && (
              <>
                <Text size="sm" c="dimmed">{t('request.chargerHint')}</Text>
                <Group align="flex-start" wrap="wrap">
                  <TextInput label={t('request.parkingSpace')} value={parkingSpace} onChange={(e) => setParkingSpace(e.currentTarget.value)} maxLength={40} w={{ base: '100%', xs: 240 }} />
                  <TextInput label={t('request.chargerSerial')} value={chargerSerial} onChange={(e) => setChargerSerial(e.currentTarget.value)} maxLength={60} w={{ base: '100%', xs: 240 }} />
                </Group>
              </>
            )}
            <Textarea label={t('request.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
            {error !== null && requestId === null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
            <Group><Button type="submit" disabled={!valid}>{t('request.submit')}</Button></Group>
          </Stack>
        </form>

        <Title order={3} size="h5">{t('request.mine')}</Title>
        {requests.loading && !requests.data ? <Loading /> : requests.error ? <LoadError message={errorText(t, requests.error)} /> : !requests.data?.length ? <Empty /> : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped aria-label={t('request.mine')}>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('columns.date')}</Table.Th><Table.Th>{t('request.kind')}</Table.Th><Table.Th>{t('request.purpose')}</Table.Th><Table.Th>{t('columns.status')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{formatDate(r.createdAt)}</Table.Td>
                    <Table.Td>{t(`kinds.${r.kind}`)}</Table.Td>
                    <Table.Td>{t(`purposes.${r.purpose}`)}{r.parkingSpace && <Text size="xs" c="dimmed">{r.parkingSpace}</Text>}{r.chargerSerial && <Text size="xs" c="dimmed">{r.chargerSerial}</Text>}</Table.Td>
                    <Table.Td>
                      <Badge color={requestStatusColor[r.status]} variant="light">{t(`requestStatuses.${r.status}`)}</Badge>
                      {r.reason && <Text size="xs" c="dimmed">{r.reason}</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmModal opened={requestId !== null} namespace="credentials" color="blue" title={t('request.confirmTitle')}
        message={total !== null ? t('request.confirmText', { total: money(total) }) : t('request.confirmTextGeneric')}
        confirmLabel={t('request.submit')} onConfirm={send} onClose={() => setRequestId(null)} />
    </Card>
  );
}
