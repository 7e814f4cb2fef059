// Staff correct a wallet by hand: a credit or a debit with a reason (audited), or a one-off fee
// such as a badge (never refunded). Both ask for confirmation before the money moves.
import { Alert, Button, Card, Group, NumberInput, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { newId, toMinor } from '../../ui/ids.ts';

type Kind = 'credit' | 'debit' | 'fee';

interface Props { personId: string; name: string; currency: string; onChange(): void }

export function AdjustmentForm({ personId, name, currency, onChange }: Props) {
  const { t } = useTranslation('wallets');
  const [kind, setKind] = useState<Kind>('credit');
  const [amount, setAmount] = useState<string | number>('');
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const minor = toMinor(amount);
  const valid = minor !== null && text.trim().length >= 3;

  const book = async () => {
    if (kind === 'fee') await post(`/api/wallets/${personId}/fees`, { id: newId(), amountMinor: minor, description: text.trim() });
    else await post(`/api/wallets/${personId}/adjustments`, { id: newId(), amountMinor: kind === 'credit' ? minor : -minor!, reason: text.trim() });
    notifications.show({ color: 'green', message: t(`adjust.done.${kind}`) });
    setAmount('');
    setText('');
    onChange();
  };

  return (
    <Card withBorder>
      <form aria-label={t('adjust.title')} onSubmit={(e) => { e.preventDefault(); if (valid) setConfirming(true); }} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('adjust.title')}</Title>
          <SegmentedControl aria-label={t('adjust.kind')} value={kind} onChange={(v) => setKind(v as Kind)} style={{ alignSelf: 'flex-start' }}
            data={(['credit', 'debit', 'fee'] as const).map((k) => ({ value: k, label: t(`adjust.kinds.${k}`) }))} />
          <Group align="flex-start" wrap="wrap">
            <NumberInput label={t('adjust.amount', { currency })} required min={0.01} decimalScale={2} hideControls value={amount} onChange={setAmount} w={160} />
            <TextInput label={kind === 'fee' ? t('adjust.description') : t('adjust.reason')} required value={text} onChange={(e) => setText(e.currentTarget.value)}
              placeholder={kind === 'fee' ? t('adjust.descriptionHint') : undefined} style={{ flex: 1, minWidth: 220 }} />
          </Group>
          {kind === 'fee' && <Alert color="gray">{t('adjust.feeNote')}</Alert>}
          <Group><Button type="submit" disabled={!valid}>{t(`adjust.submit.${kind}`)}</Button></Group>
        </Stack>
      </form>
      <ConfirmModal opened={confirming} namespace="wallets" color={kind === 'credit' ? 'blue' : 'red'} title={t(`adjust.submit.${kind}`)}
        message={t(`adjust.confirm.${kind}`, { amount: minor ? formatMoney(minor, currency) : '', name, text: text.trim() })}
        confirmLabel={t('common:confirm')} onConfirm={book} onClose={() => setConfirming(false)} />
    </Card>
  );
}
