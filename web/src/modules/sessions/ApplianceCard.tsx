// One appliance as a resident sees it: what it is, whether it is free, what it costs before it
// starts, and the resident's own session on it (starting, running since, held amount, end).
import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ApplianceIcon } from './ApplianceIcon.tsx';
import { STATUS_COLOR, UNIT_OF, type AppliancePrice, type MyAppliance } from './sessions.api.ts';
import { priceText, quantityText } from './sessions.format.ts';

interface Props {
  appliance: MyAppliance;
  onStart(appliance: MyAppliance & { price: AppliancePrice }): void;
  onEnd(appliance: MyAppliance): void;
}

function OwnSession({ appliance, onEnd }: Pick<Props, 'appliance' | 'onEnd'>) {
  const { t } = useTranslation('sessions');
  const session = appliance.mySession!;
  const currency = appliance.price?.currency;
  return (
    <Stack gap={4} data-testid="own-session">
      {session.status === 'preselected'
        ? <Text size="sm" fw={600}>{t('card.starting')}</Text>
        : <Text size="sm" fw={600}>{t('card.runningSince', { time: formatDateTime(session.startedAt) })}</Text>}
      {session.quantity !== null && <Text size="sm" c="dimmed">{t('card.maximum', { quantity: quantityText(t, appliance.price?.unit ?? UNIT_OF[appliance.metering], session.quantity) })}</Text>}
      {currency && session.heldMinor > 0 && <Text size="sm" c="dimmed">{t('card.held', { amount: formatMoney(session.heldMinor, currency) })}</Text>}
      <Group>
        <Button size="xs" color="red" variant="light" onClick={() => onEnd(appliance)}>
          {session.status === 'preselected' ? t('card.cancel') : t('card.end')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ApplianceCard({ appliance, onStart, onEnd }: Props) {
  const { t } = useTranslation('sessions');
  const { price, status, mySession } = appliance;
  const startable = status === 'free' && price !== null && mySession === null;
  return (
    <Paper withBorder p="md" component="section" aria-label={appliance.name} data-status={status}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" size={44} radius="md" color={STATUS_COLOR[status]}>
              <ApplianceIcon kind={appliance.kind} size={28} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text fw={600}>{appliance.name}</Text>
              <Text size="xs" c="dimmed">{t(`kinds.${appliance.kind}`)}</Text>
            </Stack>
          </Group>
          <Badge color={STATUS_COLOR[status]} variant="filled" data-testid="appliance-status" data-status={status}>
            {t(`status.${status}`)}
          </Badge>
        </Group>
        <Text size="sm">{price ? priceText(t, price) : t('card.noPrice')}</Text>
        {mySession ? <OwnSession appliance={appliance} onEnd={onEnd} /> : status !== 'free' && <Text size="sm" c="dimmed">{t(`card.why.${status}`)}</Text>}
        {startable && (
          <Group>
            <Button size="sm" onClick={() => onStart({ ...appliance, price })}>{t('card.start')}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
