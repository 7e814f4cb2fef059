// What a meter is: medium, serial number, how it counts, and in which unit.
import { Card, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { unitSymbol, type Meter } from './metering.api.ts';

export function MeterFacts({ meter }: { meter: Meter }) {
  const { t } = useTranslation('metering');
  const fact = (label: string, value: string) => <div><Text size="sm" c="dimmed">{label}</Text><Text>{value}</Text></div>;
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {fact(t('fields.medium'), t(`media.${meter.medium}`))}
        {fact(t('fields.serial'), meter.serial)}
        {fact(t('fields.kind'), kindText(t, meter))}
        {fact(t('fields.unit'), unitSymbol(meter.unit))}
      </SimpleGrid>
    </Card>
  );
}

export function kindText(t: (key: string, options?: Record<string, unknown>) => string, meter: Pick<Meter, 'kind' | 'intervalMinutes'>) {
  return meter.kind === 'interval' ? t('kinds.intervalOf', { minutes: meter.intervalMinutes }) : t('kinds.register');
}
