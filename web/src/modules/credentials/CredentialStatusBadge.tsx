// A credential's state in a word; a badge waiting for its fee says what is owed.
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format.ts';
import { statusColor, type Credential } from './credentials.api.ts';

export function CredentialStatusBadge({ credential }: { credential: Credential }) {
  const { t } = useTranslation('credentials');
  const { fee } = credential;
  return (
    <>
      <Badge color={statusColor[credential.status]} variant="light">{t(`statuses.${credential.status}`)}</Badge>
      {fee?.status === 'open' && credential.status !== 'returned' && (
        <Text size="xs" c="dimmed">{t('feeOpen', { amount: formatMoney(fee.amountMinor, fee.currency) })}</Text>
      )}
    </>
  );
}
