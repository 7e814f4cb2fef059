// The resident's meters: those of the flats and rooms they live in or use, each to its
// consumption page.
import { Anchor, Card, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { NONE } from './MeterFacts.tsx';
import { unitSymbol, type Meter } from './metering.api.ts';

export function MyConsumptionPage() {
  const { t } = useTranslation('metering');
  const meters = useLoad<Meter[]>('/api/me/meters');
  return (
    <Page title={t('mine.title')}>
      <Text c="dimmed">{t('mine.hint')}</Text>
      {meters.error ? <LoadError message={errorText(t, meters.error)} /> : !meters.data ? <Loading /> : !meters.data.length ? <Text c="dimmed" p="md">{t('mine.none')}</Text> : (
        <Card withBorder>
          <Table.ScrollContainer minWidth={480}>
            <Table striped highlightOnHover aria-label={t('mine.list')}>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('fields.name')}</Table.Th><Table.Th>{t('fields.medium')}</Table.Th><Table.Th>{t('fields.serial')}</Table.Th><Table.Th>{t('fields.unit')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {meters.data.map((meter) => (
                  <Table.Tr key={meter.id}>
                    <Table.Td><Anchor component={Link} to={`/my-consumption/${meter.id}`}>{meter.name}</Anchor></Table.Td>
                    <Table.Td>{t(`media.${meter.medium}`)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{meter.serial ?? NONE}</Table.Td>
                    <Table.Td>{unitSymbol(meter.unit)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Page>
  );
}
