// The operator's prepaid codes (/operator/prepaid-codes): batches made, how many of each are
// redeemed, a new batch (its codes shown once), and the latest redemption attempts, failures
// included.
import type { TFunction } from 'i18next';
import { Anchor, Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { CreateBatchModal } from './CreateBatchModal.tsx';
import type { Attempt, Batch } from './prepaidcodes.api.ts';

export function productText(t: TFunction, batch: Pick<Batch, 'product' | 'keysPerCode'>) {
  return batch.product === 'key_pack' ? t('productKeys', { keys: batch.keysPerCode ?? 0 }) : t(`products.${batch.product}`);
}

export function PrepaidCodesPage() {
  const { t } = useTranslation('prepaidcodes');
  const batches = useLoad<Batch[]>('/api/operator/prepaid-code-batches');
  const attempts = useLoad<Attempt[]>('/api/operator/prepaid-code-attempts?limit=50');
  const [creating, setCreating] = useState(false);

  return (
    <Page title={t('title')} actions={<Button onClick={() => setCreating(true)}>{t('create.button')}</Button>}>
      <Title order={2} size="h4">{t('batches.title')}</Title>
      {batches.error ? <LoadError message={errorText(t, batches.error)} /> : !batches.data ? <Loading /> : !batches.data.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={t('batches.title')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('batches.created')}</Table.Th><Table.Th>{t('fields.product')}</Table.Th><Table.Th>{t('fields.label')}</Table.Th>
                <Table.Th>{t('batches.redeemed')}</Table.Th><Table.Th>{t('batches.by')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td><Anchor component={Link} to={`/operator/prepaid-codes/${b.id}`}>{formatDateTime(b.createdAt)}</Anchor></Table.Td>
                  <Table.Td>{productText(t, b)}</Table.Td>
                  <Table.Td>{b.label ?? '–'}</Table.Td>
                  <Table.Td miw={180}>
                    <Stack gap={2}>
                      <Text size="sm">{t('batches.redeemedOf', { redeemed: formatNumber(b.redeemed), quantity: formatNumber(b.quantity) })}</Text>
                      <Progress value={(b.redeemed / b.quantity) * 100} aria-label={t('batches.progress', { redeemed: b.redeemed, quantity: b.quantity })} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{b.createdBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h4">{t('attempts.title')}</Title>
      {attempts.error ? <LoadError message={errorText(t, attempts.error)} /> : !attempts.data ? <Loading /> : !attempts.data.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('attempts.title')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('attempts.at')}</Table.Th><Table.Th>{t('attempts.user')}</Table.Th><Table.Th>{t('attempts.outcome')}</Table.Th>
                <Table.Th>{t('attempts.hint')}</Table.Th><Table.Th>{t('attempts.lock')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attempts.data.map((a, i) => (
                <Table.Tr key={`${a.at}-${i}`}>
                  <Table.Td>{formatDateTime(a.at)}</Table.Td>
                  <Table.Td>{a.user}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={a.outcome === 'redeemed' ? 'green' : 'red'} variant="light" styles={{ label: { overflow: 'visible' } }}>
                        {a.outcome === 'redeemed' ? t('attempts.redeemed') : t(`errors.${a.outcome}`, { defaultValue: a.outcome })}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td><Text ff="monospace" size="sm">{a.hint ? `…${a.hint}` : '–'}</Text></Table.Td>
                  <Table.Td>{a.lockSerial ?? '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && <CreateBatchModal onClose={() => setCreating(false)} onCreated={() => batches.reload()} />}
    </Page>
  );
}
