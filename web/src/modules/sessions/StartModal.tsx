// Starting an appliance from the portal, as at the terminal: choose the maximum (energy, minutes
// or programme impulses), see what it can cost at most, which is held on the wallet, and start.
// Only the real consumption is charged; the rest of the hold returns. A charger may also run
// without a maximum: then it is paid step by step as it charges.
import { Alert, Button, Group, Modal, NumberInput, Slider, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { formatMoney, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { maxCostMinor, quantityRange, type AppliancePrice, type MyAppliance, type UsageSession } from './sessions.api.ts';
import { priceText, quantityText } from './sessions.format.ts';

/** The comma in "0,5" where the language writes one. */
const DECIMAL_SEPARATOR = () => formatNumber(1.5).charAt(1);

interface Props {
  appliance: MyAppliance & { price: AppliancePrice };
  /** The wallet's available balance, when known. */
  available: number | null;
  onClose(): void;
  onStarted(session: UsageSession | null, appliance: MyAppliance): void;
}

export function StartModal({ appliance, available, onClose, onStarted }: Props) {
  const { t } = useTranslation('sessions');
  const { price } = appliance;
  const range = quantityRange(appliance.kind, appliance.metering);
  const [quantity, setQuantity] = useState(range.initial);
  // Only a charger may run without a maximum.
  const [limited, setLimited] = useState(true);
  const valid = !limited || (quantity >= range.min && quantity <= range.max);
  const maximum = limited ? maxCostMinor(price, quantity) : null;
  const tooLow = available !== null && maximum !== null && maximum > available;

  const { busy, error, submit } = useSubmit(t, async () => {
    const session = await post<UsageSession | null>(`/api/me/appliances/${appliance.id}/start`, limited ? { quantity } : {});
    onStarted(session, appliance);
  });

  const label = t(`choose.${price.unit}`);
  return (
    <Modal opened onClose={onClose} title={t('start.title', { name: appliance.name })} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Text size="sm">{t('start.price', { price: priceText(t, price) })}</Text>
          {appliance.kind === 'ev_connector' && (
            <Switch checked={limited} onChange={(e) => setLimited(e.currentTarget.checked)} label={t('start.limit')} />
          )}
          {limited && (
            <>
              <NumberInput label={label} value={quantity} min={range.min} max={range.max} step={range.step}
                decimalScale={range.decimals} allowDecimal={range.decimals > 0} decimalSeparator={DECIMAL_SEPARATOR()} allowNegative={false} clampBehavior="blur"
                onChange={(value) => setQuantity(typeof value === 'number' ? value : Number(String(value).replace(',', '.')) || 0)}
                error={valid ? undefined : t('start.outOfRange', { min: quantityText(t, price.unit, range.min), max: quantityText(t, price.unit, range.max) })} />
              <Slider value={Math.min(Math.max(quantity, range.min), range.max)} min={range.min} max={range.max} step={range.step}
                label={(value) => formatNumber(value)} onChange={setQuantity} thumbLabel={label} mb="sm" />
            </>
          )}
          {maximum !== null ? (
            <Text fw={600} data-testid="maximum-cost">{t('start.maximum', { amount: formatMoney(maximum, price.currency) })}</Text>
          ) : (
            <Text size="sm">{t('start.unlimited')}</Text>
          )}
          <Text size="sm" c="dimmed">{t('start.onlyConsumption')}</Text>
          {available !== null && <Text size="sm">{t('start.available', { amount: formatMoney(available, price.currency) })}</Text>}
          {tooLow && <Alert color="orange" role="alert">{t('errors.sessions.balance_too_low')}</Alert>}
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!valid || tooLow}>{t('start.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
