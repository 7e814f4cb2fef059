// An invoice's state in a word: open (overdue in red), paid, credited; a credit note says what it is.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice } from './invoices.api.ts';

const colors = { open: 'orange', overdue: 'red', paid: 'green', credited: 'gray', credit_note: 'blue' } as const;

export function InvoiceStatusBadge({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('invoices');
  const state = invoice.kind === 'credit_note' ? 'credit_note' : invoice.overdue ? 'overdue' : invoice.status;
  return <Badge color={colors[state]} variant="light">{t(`statuses.${state}`)}</Badge>;
}
