// The reminder levels for unpaid invoices (an admin setting of the property manager): after how
// many days past the due date each reminder goes out, and the fee it adds. None: no reminders.
import { ActionIcon, Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';

interface Level { days: number; feeMinor: number }
interface Row { days: number | string; fee: number | string }

const MAX_LEVELS = 5;

export function ReminderLevelsForm() {
  const { t } = useTranslation('reminders');
  const { me } = useSession();
  const settings = useLoad<{ levels: Level[] }>('/api/settings/reminders');
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => { if (settings.data) setRows(settings.data.levels.map((l) => ({ days: l.days, fee: l.feeMinor / 100 }))); }, [settings.data]);
  const set = (index: number, change: Partial<Row>) => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const save = useSubmit(t, async () => {
    const saved = await put<{ levels: Level[] }>('/api/settings/reminders', { levels: rows.map((r) => ({ days: Number(r.days), feeMinor: Math.round(Number(r.fee) * 100) })) });
    setRows(saved.levels.map((l) => ({ days: l.days, fee: l.feeMinor / 100 })));
    notifications.show({ color: 'green', message: t('common:saved') });
  });
  const incomplete = rows.some((r) => r.days === '' || r.fee === '');
  return (
    <Card withBorder maw={720}>
      <form onSubmit={save.submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('title')}</Title>
          <Text size="sm" c="dimmed">{t('hint')}</Text>
          {settings.loading && !settings.data ? <Loading /> : (
            <Table aria-label={t('title')}>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('level')}</Table.Th><Table.Th>{t('days')}</Table.Th><Table.Th>{t('fee', { currency: me?.tenant?.currency ?? '' })}</Table.Th><Table.Th /></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed">{t('none')}</Text></Table.Td></Table.Tr>}
                {rows.map((row, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{t('nth', { level: index + 1 })}</Table.Td>
                    <Table.Td><NumberInput aria-label={t('daysOf', { level: index + 1 })} min={1} max={365} allowDecimal={false} hideControls value={row.days} onChange={(v) => set(index, { days: v })} w={120} /></Table.Td>
                    <Table.Td><NumberInput aria-label={t('feeOf', { level: index + 1 })} min={0} max={1000} decimalScale={2} fixedDecimalScale hideControls value={row.fee} onChange={(v) => set(index, { fee: v })} w={140} /></Table.Td>
                    <Table.Td><ActionIcon variant="subtle" color="red" aria-label={t('remove', { level: index + 1 })} onClick={() => setRows((all) => all.filter((_, i) => i !== index))}>×</ActionIcon></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {(save.error ?? settings.error) !== null && <Alert color="red" role="alert">{errorText(t, save.error ?? settings.error)}</Alert>}
          <Group>
            <Button variant="default" disabled={rows.length >= MAX_LEVELS} onClick={() => setRows((all) => [...all, { days: (Number(all.at(-1)?.days) || 0) + 14, fee: 0 }])}>{t('add')}</Button>
            <Button type="submit" loading={save.busy} disabled={incomplete}>{t('common:save')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
