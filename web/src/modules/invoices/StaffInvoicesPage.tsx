// Every customer's invoices for the manager's office, open ones first by default.
import { SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Invoice } from './invoices.api.ts';
import { InvoicesTable } from './InvoicesTable.tsx';

export function StaffInvoicesPage() {
  const { t } = useTranslation('invoices');
  const [status, setStatus] = useState('open');
  const invoices = useLoad<Invoice[]>(status === 'all' ? '/api/invoices' : `/api/invoices?status=${status}`);
  return (
    <Page title={t('staff.title')} actions={
      <SegmentedControl value={status} onChange={setStatus} aria-label={t('staff.filter')}
        data={[{ value: 'open', label: t('statuses.open') }, { value: 'paid', label: t('statuses.paid') }, { value: 'all', label: t('staff.all') }]} />
    }>
      {invoices.error ? <LoadError message={errorText(t, invoices.error)} />
        : !invoices.data ? <Loading />
        : <InvoicesTable invoices={invoices.data} label={t('staff.title')} detailPath="/billing/invoices" showCustomer />}
    </Page>
  );
}
