// A ticket's status as a coloured badge, whole even in a narrow column.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR, type Status } from './tickets.api.ts';

export function TicketStatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('tickets');
  return <Badge color={STATUS_COLOR[status]} variant="light" miw="max-content" styles={{ label: { overflow: 'visible' } }}>{t(`statuses.${status}`)}</Badge>;
}
