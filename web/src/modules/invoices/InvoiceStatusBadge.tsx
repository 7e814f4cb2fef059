// An invoice's state in a word: open (overdue in red), paid, credited; a credit note says what it is.
// While something is due on a reminded invoice, a second badge names the reminder ("2nd reminder").
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice } from './invoices.api.ts';

const colors = { open: 'orange', overdue: 'red', paid: 'green', credited: 'gray', credit_note: 'blue' } as const;

export function InvoiceStatusBadge({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('invoices');
  const state = invoice.kind === 'credit_note' ? 'credit_note' : invoice.overdue ? 'overdue' : invoice.status;
  const status = <Badge color={colors[state]} variant="light">{t(`statuses.${state}`)}</Badge>;
  if (invoice.reminderLevel === 0 || invoice.amountDueMinor === 0) return status;
  return (
    <Group gap={4} wrap="nowrap">
      {status}
      <Badge color="red" variant="outline">{t(`reminders.level_${Math.min(invoice.reminderLevel, 5)}`)}</Badge>
    </Group>
  );
}
