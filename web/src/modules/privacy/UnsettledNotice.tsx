// Why a deletion was refused and where to settle it: the refund of the balance or the unpaid invoices.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Unsettled } from './privacy.api.ts';

// A resident asks for the refund on the wallet page (its "Refund" tab).
const WHERE: Record<Unsettled, { to: string; label: string }> = {
  'privacy.balance_remaining': { to: '/wallet', label: 'deletion.toRefund' },
  'privacy.open_invoices': { to: '/invoices', label: 'deletion.toInvoices' },
};

export function UnsettledNotice({ code }: { code: Unsettled }) {
  const { t } = useTranslation('privacy');
  const where = WHERE[code];
  return (
    <Alert color="orange" role="alert" title={t('deletion.refused')}>
      <Stack gap={4}>
        <Text size="sm">{t(`errors.${code}`)}</Text>
        <Anchor component={Link} to={where.to} size="sm">{t(where.label)}</Anchor>
      </Stack>
    </Alert>
  );
}
