// The office's meters, site by site: each with its flat or room, medium, serial number and how it
// counts, to its consumption page; a new meter is added in a modal, readings are imported as CSV.
// Units' meters are listed only with pseudonymised access, under the unit's pseudonym, marked so,
// without flat or serial number (docs/metering.md, "Who sees what").
import { Anchor, Button, Card, Group, Select, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Site } from '../sites/sites.api.ts';
import type { Unit } from '../units/units.api.ts';
import { AddMeterModal } from './AddMeterModal.tsx';
import { ImportReadingsModal } from './ImportReadings.tsx';
import { kindText, NONE, PseudonymisedBadge } from './MeterFacts.tsx';
import { meterName, unitSymbol, type Meter } from './metering.api.ts';

export function MetersPage() {
  const { t } = useTranslation('metering');
  const [params, setParams] = useSearchParams();
  const sites = useLoad<Site[]>('/api/sites');
  const siteId = params.get('site') ?? sites.data?.[0]?.id ?? null;
  const site = sites.data?.find((s) => s.id === siteId);
  const meters = useLoad<Meter[]>(siteId ? `/api/meters?siteId=${siteId}` : null);
  const units = useLoad<Unit[]>(siteId ? `/api/sites/${siteId}/units` : null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const place = (meter: Meter) => (meter.pseudonym ? NONE
    : meter.unitId ? meter.unitLabel ?? units.data?.find((u) => u.id === meter.unitId)?.label ?? '…' : t('fields.wholeSite'));

  const added = async (meter: Meter) => {
    if (meter.siteId === siteId) await meters.reload();
    else setParams({ site: meter.siteId }, { replace: true });
  };

  return (
    <Page title={t('title')} actions={(
      <>
        <Button variant="default" onClick={() => setImporting(true)}>{t('import.button')}</Button>
        <Button onClick={() => setAdding(true)} disabled={!sites.data?.length}>{t('add.button')}</Button>
      </>
    )}>
      {sites.error ? <LoadError message={errorText(t, sites.error)} /> : !sites.data ? <Loading /> : !sites.data.length ? <Empty /> : (
        <Card withBorder>
          <Stack>
            <Select label={t('fields.site')} allowDeselect={false} w={{ base: '100%', xs: 360 }} value={siteId}
              data={sites.data.map((s) => ({ value: s.id, label: s.name }))} onChange={(value) => value && setParams({ site: value }, { replace: true })} />
            <Title order={2} size="h4">{t('list.title', { site: site?.name ?? '' })}</Title>
            {meters.error ? <LoadError message={errorText(t, meters.error)} /> : !meters.data || meters.loading ? <Loading /> : !meters.data.length ? <Empty /> : (
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover aria-label={t('list.title', { site: site?.name ?? '' })}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('fields.name')}</Table.Th><Table.Th>{t('fields.place')}</Table.Th><Table.Th>{t('fields.medium')}</Table.Th>
                      <Table.Th>{t('fields.serial')}</Table.Th><Table.Th>{t('fields.kind')}</Table.Th><Table.Th>{t('fields.unit')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {meters.data.map((meter) => (
                      <Table.Tr key={meter.id}>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Anchor component={Link} to={`/meters/${meter.id}`}>{meterName(meter, t)}</Anchor>
                            {meter.pseudonym && <PseudonymisedBadge />}
                          </Group>
                        </Table.Td>
                        <Table.Td>{place(meter)}</Table.Td>
                        <Table.Td>{t(`media.${meter.medium}`)}</Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{meter.serial ?? NONE}</Table.Td>
                        <Table.Td>{kindText(t, meter)}</Table.Td>
                        <Table.Td>{unitSymbol(meter.unit)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        </Card>
      )}
      {adding && sites.data && <AddMeterModal sites={sites.data} siteId={siteId} onClose={() => setAdding(false)} onAdded={added} />}
      {importing && <ImportReadingsModal onClose={() => setImporting(false)} />}
    </Page>
  );
}
