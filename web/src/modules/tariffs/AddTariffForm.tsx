// Staff add a tariff: kind, metering, price as typed (0.50, converted exactly to cents), optional
// session fee and VAT (the country's rate when left empty), and its period. A tariff starting
// while another one runs without end replaces that one from its start.
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { APPLIANCE_KINDS, localToIso, meteringsFor, parseHundredths, STANDARD_VAT_BP, type ApplianceKind, type Metering } from './tariffs.api.ts';

interface Props { siteId: string; country: string; currency: string; onAdded(): Promise<void> }

export function AddTariffForm({ siteId, country, currency, onAdded }: Props) {
  const { t } = useTranslation('tariffs');
  const [kind, setKind] = useState<ApplianceKind>('washer');
  const [metering, setMetering] = useState<Metering>('energy');
  const [price, setPrice] = useState('');
  const [fee, setFee] = useState('');
  const [vat, setVat] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const unitPriceMinor = parseHundredths(price);
  const sessionFeeMinor = fee.trim() ? parseHundredths(fee) : 0;
  const vatRateBp = vat.trim() ? parseHundredths(vat) : undefined;
  const valid = unitPriceMinor !== null && sessionFeeMinor !== null && vatRateBp !== null && (vatRateBp === undefined || vatRateBp <= 10_000);
  const defaultVat = STANDARD_VAT_BP[country];

  const { busy, error, fields, submit } = useSubmit(t, async () => {
    const validFrom = localToIso(from);
    await post(`/api/sites/${siteId}/tariffs`, {
      applianceKind: kind, metering, unitPriceMinor, sessionFeeMinor,
      ...(vatRateBp !== undefined && { vatRateBp }), ...(validFrom && { validFrom }), validTo: localToIso(to),
    });
    notifications.show({ color: 'green', message: t('added') });
    setPrice(''); setFee(''); setVat(''); setFrom(''); setTo('');
    await onAdded();
  });
  const chooseKind = (next: ApplianceKind) => {
    setKind(next);
    if (!meteringsFor(next).includes(metering)) setMetering('energy');
  };
  const invalidText = t('common:invalidValue');

  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); if (valid) void submit(); }} noValidate aria-labelledby="add-tariff">
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-tariff">{t('add')}</Title>
          <Text size="sm" c="dimmed">{t('addHint')}</Text>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('kind')} required allowDeselect={false} value={kind} onChange={(k) => k && chooseKind(k as ApplianceKind)}
              data={APPLIANCE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} error={fields.applianceKind} />
            <Select label={t('metering')} required allowDeselect={false} value={metering} onChange={(m) => m && setMetering(m as Metering)}
              data={meteringsFor(kind).map((m) => ({ value: m, label: t(`meterings.${m}`) }))} error={fields.metering} />
            <TextInput label={t(`priceLabel.${metering}`, { currency })} required inputMode="decimal" placeholder="0.50" value={price}
              onChange={(e) => setPrice(e.currentTarget.value)} error={(price && unitPriceMinor === null ? invalidText : undefined) ?? fields.unitPriceMinor} />
            <TextInput label={t('sessionFeeLabel', { currency })} inputMode="decimal" placeholder="0.00" value={fee}
              onChange={(e) => setFee(e.currentTarget.value)} error={(sessionFeeMinor === null ? invalidText : undefined) ?? fields.sessionFeeMinor} />
            <TextInput label={t('vatLabel')} inputMode="decimal" value={vat} onChange={(e) => setVat(e.currentTarget.value)}
              placeholder={defaultVat !== undefined ? formatNumber(defaultVat / 100) : undefined}
              description={defaultVat !== undefined ? t('vatDefault', { rate: formatNumber(defaultVat / 100) }) : t('vatNoDefault')}
              error={(vatRateBp === null || (vatRateBp ?? 0) > 10_000 ? invalidText : undefined) ?? fields.vatRateBp} />
            <div />
            <TextInput type="datetime-local" label={t('validFrom')} description={t('validFromHint')} value={from}
              onChange={(e) => setFrom(e.currentTarget.value)} error={fields.validFrom} />
            <TextInput type="datetime-local" label={t('validTo')} description={t('validToHint')} value={to}
              onChange={(e) => setTo(e.currentTarget.value)} error={fields.validTo} />
          </SimpleGrid>
          <Group><Button type="submit" loading={busy} disabled={!valid}>{t('submit')}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
