// A fee's state in a word, with how it was paid or why it was cancelled underneath.
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format.ts';
import { feeStatusColor, type Fee } from './fees.api.ts';

export function FeeStatusBadge({ fee }: { fee: Fee }) {
  const { t } = useTranslation('fees');
  return (
    <>
      <Badge color={feeStatusColor[fee.status]} variant="light">{t(`statuses.${fee.status}`)}</Badge>
      {fee.status === 'paid' && fee.paidVia && <Text size="xs" c="dimmed">{t(`paidVia.${fee.paidVia}`, { date: formatDate(fee.paidAt) })}</Text>}
      {fee.status === 'cancelled' && fee.cancelReason && <Text size="xs" c="dimmed">{fee.cancelReason}</Text>}
    </>
  );
}
