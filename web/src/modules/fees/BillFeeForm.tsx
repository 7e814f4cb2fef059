// Staff bill a customer a one-off fee made of lines (a badge, its shipping). The fee stays open
// until the resident pays it from the balance or by bank transfer; it is never refunded.
import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { newId, toMinor } from '../../ui/ids.ts';

interface Line { key: string; description: string; amount: string | number }
const emptyLine = (): Line => ({ key: newId(), description: '', amount: '' });

interface Props { personId: string; name: string; currency: string; onBilled(): void }

export function BillFeeForm({ personId, name, currency, onBilled }: Props) {
  const { t } = useTranslation('fees');
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  // Chosen when the staff member confirms, so a retry after a lost answer bills once.
  const [requestId, setRequestId] = useState<string | null>(null);
  const items = lines.map((l) => ({ description: l.description.trim(), amountMinor: toMinor(l.amount) }));
  const valid = items.every((i) => i.description.length > 0 && i.amountMinor !== null);
  const total = items.reduce((sum, i) => sum + (i.amountMinor ?? 0), 0);
  const change = (key: string, patch: Partial<Line>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const bill = async () => {
    await post('/api/fees', { id: requestId, personId, items });
    notifications.show({ color: 'green', message: t('staff.done') });
    setLines([emptyLine()]);
    onBilled();
  };

  return (
    <>
      <form onSubmit={(e) => { e.preventDefault(); if (valid) setRequestId(newId()); }} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h5">{t('staff.bill')}</Title>
          {lines.map((line, index) => (
            <Group key={line.key} align="flex-end" wrap="wrap">
              <TextInput label={t('staff.description')} placeholder={t('staff.descriptionHint')} required value={line.description}
                onChange={(e) => change(line.key, { description: e.currentTarget.value })} maxLength={100} style={{ flex: 1, minWidth: 200 }} />
              <NumberInput label={t('staff.amount', { currency })} required min={0.01} decimalScale={2} hideControls value={line.amount}
                onChange={(value) => change(line.key, { amount: value })} w={140} />
              {lines.length > 1 && (
                <ActionIcon variant="subtle" color="gray" size="lg" mb={2} aria-label={t('staff.removeLine', { line: index + 1 })}
                  onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}>×</ActionIcon>
              )}
            </Group>
          ))}
          <Group justify="space-between">
            <Button variant="default" size="xs" onClick={() => setLines((all) => [...all, emptyLine()])} disabled={lines.length >= 20}>{t('staff.addLine')}</Button>
            <Text fw={600}>{t('staff.total', { amount: formatMoney(total, currency) })}</Text>
          </Group>
          <Group><Button type="submit" disabled={!valid}>{t('staff.submit')}</Button></Group>
        </Stack>
      </form>
      <ConfirmModal opened={requestId !== null} namespace="fees" color="blue" title={t('staff.submit')}
        message={t('staff.confirm', { name, amount: formatMoney(total, currency), items: items.map((i) => i.description).join(', ') })}
        confirmLabel={t('staff.submit')} onConfirm={bill} onClose={() => setRequestId(null)} />
    </>
  );
}
