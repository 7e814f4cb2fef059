// What a meter is: medium, serial number, how it counts, and in which unit. A unit's meter read
// with pseudonymised access is marked so, and has no serial number to show.
import { Badge, Card, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { unitSymbol, type Meter } from './metering.api.ts';

/** No value to show (a pseudonymised meter's serial number). */
export const NONE = '–';

/** Marks a unit's meter shown under its unit's pseudonym; the tooltip says what is left out. */
export function PseudonymisedBadge() {
  const { t } = useTranslation('metering');
  return (
    <Tooltip label={t('pseudonymised.hint')} multiline w={280}>
      <Badge size="sm" variant="light" color="grape" style={{ flex: 'none' }}>{t('pseudonymised.badge')}</Badge>
    </Tooltip>
  );
}

export function MeterFacts({ meter }: { meter: Meter }) {
  const { t } = useTranslation('metering');
  const fact = (label: string, value: string) => <div><Text size="sm" c="dimmed">{label}</Text><Text>{value}</Text></div>;
  return (
    <Card withBorder>
      <Stack gap="sm">
        {meter.pseudonym && (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <PseudonymisedBadge />
            <Text size="sm" c="dimmed">{t('pseudonymised.hint')}</Text>
          </Group>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {fact(t('fields.medium'), t(`media.${meter.medium}`))}
          {fact(t('fields.serial'), meter.serial ?? NONE)}
          {fact(t('fields.kind'), kindText(t, meter))}
          {fact(t('fields.unit'), unitSymbol(meter.unit))}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

export function kindText(t: (key: string, options?: Record<string, unknown>) => string, meter: Pick<Meter, 'kind' | 'intervalMinutes'>) {
  return meter.kind === 'interval' ? t('kinds.intervalOf', { minutes: meter.intervalMinutes }) : t('kinds.register');
}
