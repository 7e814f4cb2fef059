// The operator's lock stock (/operator/lock-stock): every lock made for Concierge with the secret
// printed on its label, added by pasting or uploading lines `serial;secret;model`, and the latest
// 500 with where and since when each is registered.
import { Alert, Button, Card, Code, FileInput, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Hardware } from './locks.api.ts';

const EXAMPLE = 'serial;secret;model\nFLX-2001;a7Kp2mQx;Flexeria S2';

/** Lines `serial;secret;model` (a header line and empty lines are skipped); the line numbers of those that are not. */
function parseStock(text: string) {
  const locks: { serial: string; secret: string; model?: string }[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const [serial = '', secret = '', model = ''] = line.split(/[;,\t]/).map((c) => c.trim());
    if (!line.trim() || (i === 0 && serial.toLowerCase() === 'serial')) return;
    if (!/^[A-Za-z0-9-]{4,32}$/.test(serial) || secret.length < 6 || secret.length > 64) bad.push(i + 1);
    else locks.push({ serial, secret, ...(model && { model }) });
  });
  return { locks, bad };
}

export function OperatorLockStockPage() {
  const { t } = useTranslation('locks');
  const stock = useLoad<Hardware[]>('/api/operator/lock-hardware');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const parsed = parseStock(text);
  const { busy, error, submit } = useSubmit(t, async () => {
    const result = await post<{ added: number; given: number }>('/api/operator/lock-hardware', { locks: parsed.locks });
    notifications.show({ color: 'green', message: t('stock.added', { added: result.added, given: result.given }) });
    setText('');
    setFile(null);
    await stock.reload();
  });
  const choose = async (chosen: File | null) => { setFile(chosen); if (chosen) setText(await chosen.text()); };

  return (
    <Page title={t('stock.title')}>
      <Card withBorder>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h4">{t('stock.addTitle')}</Title>
            <Text size="sm" c="dimmed">{t('stock.addHint')}</Text>
            <Code block>{EXAMPLE}</Code>
            <FileInput label={t('stock.file')} placeholder={t('stock.choose')} accept=".csv,text/csv,text/plain" value={file} onChange={(f) => void choose(f)} clearable w={{ base: '100%', xs: 360 }} />
            <Textarea label={t('stock.lines')} autosize minRows={4} maxRows={14} ff="monospace" value={text} onChange={(e) => setText(e.currentTarget.value)}
              error={parsed.bad.length ? t('stock.badLines', { lines: parsed.bad.slice(0, 20).join(', ') }) : undefined} />
            {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
            <Group justify="space-between">
              <Text size="sm">{t('stock.ready', { count: parsed.locks.length })}</Text>
              <Button type="submit" loading={busy} disabled={!parsed.locks.length || parsed.bad.length > 0}>{t('stock.submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {stock.error ? <LoadError message={errorText(t, stock.error)} /> : !stock.data ? <Loading /> : !stock.data.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('stock.list')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('fields.serial')}</Table.Th><Table.Th>{t('stock.model')}</Table.Th><Table.Th>{t('stock.registeredWith')}</Table.Th>
                <Table.Th>{t('stock.firstRegistered')}</Table.Th><Table.Th>{t('licence.freeUntil')}</Table.Th><Table.Th>{t('licence.managedUntil')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stock.data.map((h) => (
                <Table.Tr key={h.serial}>
                  <Table.Td><Text ff="monospace" size="sm">{h.serial}</Text></Table.Td>
                  <Table.Td>{h.model ?? '–'}</Table.Td>
                  <Table.Td>{h.registeredWith ?? t('stock.inStock')}</Table.Td>
                  <Table.Td>{formatDate(h.firstRegisteredAt)}</Table.Td>
                  <Table.Td>{formatDate(h.freeUntil)}</Table.Td>
                  <Table.Td>{formatDate(h.managedUntil)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
