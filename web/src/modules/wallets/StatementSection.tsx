// Every movement of a period with the running balance; the same period as CSV or PDF.
// Used for the resident's own wallet (/api/wallet) and by staff (/api/wallets/:personId).
import { Anchor, Group, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError } from '../../ui/Page.tsx';
import type { Statement } from './wallets.api.ts';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function defaultPeriod() {
  const to = new Date();
  const from = new Date(to);
  from.setUTCDate(from.getUTCDate() - 90);
  return { from: isoDay(from), to: isoDay(to) };
}

interface Props {
  /** `/api/wallet` or `/api/wallets/<personId>`. */
  base: string;
  /** Changes whenever the balance changed elsewhere on the page, so the statement reloads. */
  version: number;
}

export function StatementSection({ base, version }: Props) {
  const { t } = useTranslation('wallets');
  const [period, setPeriod] = useState(defaultPeriod);
  const query = new URLSearchParams();
  if (period.from) query.set('from', period.from);
  if (period.to) query.set('to', period.to);
  const statement = useLoad<Statement>(`${base}/statement?${query.toString()}`);
  const reload = useRef(statement.reload);
  reload.current = statement.reload;
  useEffect(() => { if (version > 0) void reload.current(); }, [version]);
  const download = (format: 'csv' | 'pdf') => `${base}/statement?${query.toString()}${query.size ? '&' : ''}format=${format}`;

  return (
    <>
      <Group align="flex-end" wrap="wrap">
        <TextInput type="date" label={t('statement.from')} value={period.from} max={period.to || undefined}
          onChange={(e) => { const from = e.currentTarget.value; setPeriod((p) => ({ ...p, from })); }} />
        <TextInput type="date" label={t('statement.to')} value={period.to} min={period.from || undefined}
          onChange={(e) => { const to = e.currentTarget.value; setPeriod((p) => ({ ...p, to })); }} />
        <Group gap="md" pb={6}>
          <Anchor href={download('csv')} download>{t('statement.csv')}</Anchor>
          <Anchor href={download('pdf')} target="_blank" rel="noopener">{t('statement.pdf')}</Anchor>
        </Group>
      </Group>
      {statement.loading && !statement.data ? <Loading /> : statement.error ? <LoadError message={errorText(t, statement.error)} /> : statement.data && (
        <>
          <Text size="sm">{t('statement.opening')}: <b>{formatMoney(statement.data.opening, statement.data.currency)}</b></Text>
          {!statement.data.lines.length ? <Empty /> : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped aria-label={t('statement.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('statement.date')}</Table.Th><Table.Th>{t('statement.description')}</Table.Th>
                    <Table.Th ta="right">{t('statement.amount')}</Table.Th><Table.Th ta="right">{t('statement.balance')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {statement.data.lines.map((line) => (
                    <Table.Tr key={line.transferId}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(line.at)}</Table.Td>
                      <Table.Td>{t(`codes.${line.code}`, { defaultValue: line.code })}{line.note ? `: ${line.note}` : ''}</Table.Td>
                      <Table.Td ta="right" c={line.amount < 0 ? 'red' : 'teal'} style={{ whiteSpace: 'nowrap' }}>{formatMoney(line.amount, statement.data!.currency)}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatMoney(line.balance, statement.data!.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Text size="sm">{t('statement.closing')}: <b>{formatMoney(statement.data.closing, statement.data.currency)}</b></Text>
        </>
      )}
    </>
  );
}
