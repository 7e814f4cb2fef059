// Staff hand a badge to a customer: ordered and billed (badge and shipping), issued from stock now
// or later; the fee may be waived with a reason. Remote fobs are registered by their serial number.
import { Alert, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { PersonPicker } from '../bankimport/PersonPicker.tsx';
import type { BadgeTerms, Credential } from './credentials.api.ts';
import { initialStockChoice, StockChoiceFields, stockChoiceBody, stockChoiceReady, type StockChoiceState } from './StockChoiceFields.tsx';

function OrderBadge({ onIssued }: { onIssued(): void }) {
  const { t } = useTranslation('credentials');
  const terms = useLoad<BadgeTerms>('/api/badge-terms');
  const [personId, setPersonId] = useState<string | null>(null);
  const [issueNow, setIssueNow] = useState(true);
  const [stock, setStock] = useState<StockChoiceState>(initialStockChoice);
  const [waive, setWaive] = useState(false);
  const [waiveReason, setWaiveReason] = useState('');
  const ready = personId !== null && (!issueNow || stockChoiceReady(stock)) && (!waive || waiveReason.trim() !== '');
  const issue = useSubmit(t, async () => {
    const credential = await post<Credential>('/api/credentials/orders', {
      personId, ...(issueNow && { fulfil: stockChoiceBody(stock) }), ...(waive && { waiveFeeReason: waiveReason.trim() }),
    });
    notifications.show({ color: 'green', message: credential.label ? t('issue.issued', { label: credential.label, name: credential.name }) : t('issue.ordered', { name: credential.name }) });
    setStock(initialStockChoice);
    setWaive(false);
    setWaiveReason('');
    onIssued();
  });
  const fee = terms.data ? formatMoney(terms.data.badgeFeeMinor + terms.data.shippingMinor, terms.data.currency) : null;

  return (
    <Card withBorder>
      <form onSubmit={issue.submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('issue.title')}</Title>
          <PersonPicker label={t('columns.holder')} value={personId} onChange={setPersonId} />
          <Checkbox label={t('issue.now')} checked={issueNow} onChange={(e) => setIssueNow(e.currentTarget.checked)} />
          {issueNow ? <StockChoiceFields value={stock} onChange={setStock} error={issue.fields.label ?? issue.fields.uid} /> : <Text size="sm" c="dimmed">{t('issue.laterHint')}</Text>}
          <Checkbox label={t('issue.waive')} checked={waive} onChange={(e) => setWaive(e.currentTarget.checked)} />
          {waive
            ? <TextInput label={t('issue.waiveReason')} required value={waiveReason} onChange={(e) => setWaiveReason(e.currentTarget.value)} maxLength={300} />
            : fee && <Text size="sm">{t('issue.feeHint', { fee })}</Text>}
          {issue.error !== null && <Alert color="red" role="alert">{errorText(t, issue.error)}</Alert>}
          <Group><Button type="submit" loading={issue.busy} disabled={!ready}>{issueNow ? t('issue.submitNow') : t('issue.submitOrder')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

function RegisterFob({ onIssued }: { onIssued(): void }) {
  const { t } = useTranslation('credentials');
  const [personId, setPersonId] = useState<string | null>(null);
  const [serial, setSerial] = useState('');
  const [label, setLabel] = useState('');
  const register = useSubmit(t, async () => {
    await post('/api/credentials/fobs', { personId, serial: serial.trim(), ...(label.trim() && { label: label.trim() }) });
    notifications.show({ color: 'green', message: t('fob.done') });
    setSerial('');
    setLabel('');
    onIssued();
  });
  return (
    <Card withBorder>
      <form onSubmit={register.submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('fob.title')}</Title>
          <PersonPicker label={t('columns.holder')} value={personId} onChange={setPersonId} />
          <Group align="flex-start" wrap="wrap">
            <TextInput label={t('fob.serial')} required value={serial} onChange={(e) => setSerial(e.currentTarget.value)} maxLength={40} styles={{ input: { fontFamily: 'monospace' } }} error={register.fields.serial} w={{ base: '100%', xs: 240 }} />
            <TextInput label={t('fob.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={64} w={{ base: '100%', xs: 240 }} />
          </Group>
          {register.error !== null && <Alert color="red" role="alert">{errorText(t, register.error)}</Alert>}
          <Group><Button type="submit" loading={register.busy} disabled={personId === null || !serial.trim()}>{t('fob.submit')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

export function IssueBadge({ onIssued }: { onIssued(): void }) {
  return (
    <Stack>
      <OrderBadge onIssued={onIssued} />
      <RegisterFob onIssued={onIssued} />
    </Stack>
  );
}
