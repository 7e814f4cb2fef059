// An invoice's state in a word: open (overdue in red), paid, credited.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice } from './invoices.api.ts';

const colors = { open: 'orange', overdue: 'red', paid: 'green', credited: 'gray' } as const;

export function InvoiceStatusBadge({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('invoices');
  const state = invoice.overdue ? 'overdue' : invoice.status;
  return <Badge color={colors[state]} variant="light">{t(`statuses.${state}`)}</Badge>;
}
