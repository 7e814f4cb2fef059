// An appliance's state in one coloured word: free green, busy blue, fault red, offline grey, unavailable orange.
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR, type LiveStatus } from './devices.api.ts';

export function LiveStatusBadge({ status, errorCode }: { status: LiveStatus; errorCode?: string | null }) {
  const { t } = useTranslation('devices');
  const badge = <Badge color={STATUS_COLOR[status]} variant="filled" data-status={status}>{t(`status.${status}`)}</Badge>;
  if (status !== 'fault' || !errorCode || errorCode === 'NoError') return badge;
  return <Tooltip label={t('errorCode', { code: errorCode })}>{badge}</Tooltip>;
}
