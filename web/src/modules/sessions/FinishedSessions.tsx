// Receipts of the sessions that ended while the page was open: what was consumed, what was
// charged, and the balance after it, until the resident closes them.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../format.ts';
import type { UsageSession } from './sessions.api.ts';
import { quantityText } from './sessions.format.ts';

interface Props {
  sessions: UsageSession[];
  /** The available balance now, formatted; null while unknown. */
  balance: string | null;
  onDismiss(sessionId: string): void;
}

export function FinishedSessions({ sessions, balance, onDismiss }: Props) {
  const { t } = useTranslation('sessions');
  if (sessions.length === 0) return null;
  return (
    <Stack gap="xs">
      {sessions.map((s) => (
        <Alert key={s.id} color="green" variant="light" withCloseButton closeButtonLabel={t('common:close')} onClose={() => onDismiss(s.id)}
          title={t('finished.title', { name: s.applianceName })} data-testid="finished-receipt" role="status">
          <Stack gap={2}>
            <Text size="sm">
              {t('finished.message', { quantity: quantityText(t, s.unit, s.quantity), amount: formatMoney(s.amountMinor ?? 0, s.currency) })}
              {s.vatMinor !== null ? ` ${t('finished.vat', { amount: formatMoney(s.vatMinor, s.currency) })}` : ''}
            </Text>
            {s.debtMinor > 0 && <Text size="sm" c="red">{t('finished.debt', { amount: formatMoney(s.debtMinor, s.currency) })}</Text>}
            {balance && <Text size="sm" fw={600}>{t('finished.balance', { amount: balance })}</Text>}
            <Anchor component={Link} to={`/laundry/sessions/${s.id}`} size="sm">{t('finished.receipt')}</Anchor>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
