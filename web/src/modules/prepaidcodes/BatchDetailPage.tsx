// One batch of prepaid codes (/operator/prepaid-codes/:id): what it is and each redeemed code —
// its last four characters, when, by whom, at which property manager, for which lock or account.
import { Anchor, Card, Progress, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Batch, Redemption } from './prepaidcodes.api.ts';
import { productText } from './PrepaidCodesPage.tsx';

export function BatchDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('prepaidcodes');
  const detail = useLoad<{ batch: Batch; redemptions: Redemption[] }>(`/api/operator/prepaid-code-batches/${id}`);
  if (detail.error) return <Page title={t('title')}><LoadError message={errorText(t, detail.error)} /></Page>;
  if (!detail.data) return <Loading />;
  const { batch, redemptions } = detail.data;
  return (
    <Page title={t('detail.title', { product: productText(t, batch) })}>
      <Anchor component={Link} to="/operator/prepaid-codes" size="sm">← {t('title')}</Anchor>
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <div><Text size="xs" c="dimmed">{t('batches.created')}</Text><Text size="sm">{formatDateTime(batch.createdAt)}</Text></div>
          <div><Text size="xs" c="dimmed">{t('batches.by')}</Text><Text size="sm">{batch.createdBy}</Text></div>
          <div><Text size="xs" c="dimmed">{t('fields.label')}</Text><Text size="sm">{batch.label ?? '–'}</Text></div>
          <div>
            <Text size="xs" c="dimmed">{t('batches.redeemed')}</Text>
            <Text size="sm">{t('batches.redeemedOf', { redeemed: formatNumber(batch.redeemed), quantity: formatNumber(batch.quantity) })}</Text>
            <Progress value={(batch.redeemed / batch.quantity) * 100} aria-label={t('batches.progress', { redeemed: batch.redeemed, quantity: batch.quantity })} />
          </div>
        </SimpleGrid>
      </Card>
      {!redemptions.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('detail.redemptions')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('attempts.hint')}</Table.Th><Table.Th>{t('detail.redeemedAt')}</Table.Th><Table.Th>{t('attempts.user')}</Table.Th>
                <Table.Th>{t('detail.manager')}</Table.Th><Table.Th>{t('detail.for')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {redemptions.map((r) => (
                <Table.Tr key={`${r.hint}-${r.redeemedAt}`}>
                  <Table.Td><Text ff="monospace" size="sm">…{r.hint}</Text></Table.Td>
                  <Table.Td>{formatDateTime(r.redeemedAt)}</Table.Td>
                  <Table.Td>{r.by ?? '–'}</Table.Td>
                  <Table.Td>{r.manager ?? '–'}</Table.Td>
                  <Table.Td>{r.lockSerial ?? r.partyName ?? '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
