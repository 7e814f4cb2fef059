// Admin settings for money: the account residents transfer top-ups to (printed on every slip) and
// the manager's VAT ID (with it, business customers' invoices carry a Factur-X e-invoice), the
// processing fee deducted from refunds, and the reminder levels for unpaid invoices.
import { Alert, Button, Card, Group, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { normalizeVatId } from '../../ui/vatId.ts';
import { ReminderLevelsForm } from '../invoices/ReminderLevelsForm.tsx';
import { RefundFeeForm } from '../refunds/RefundFeeForm.tsx';
import type { BankAccount } from './banking.api.ts';

const empty = (country: string): BankAccount => ({ iban: '', qrIban: null, bic: null, creditorName: '', street: '', postalCode: '', city: '', country, vatId: null });

export function BankAccountPage() {
  const { t } = useTranslation('banking');
  const { me } = useSession();
  const account = useLoad<BankAccount | null>('/api/tenant/bank-account');
  const [form, setForm] = useState<BankAccount>(empty(me?.tenant?.country ?? 'AT'));
  useEffect(() => { if (account.data) setForm(account.data); }, [account.data]);
  const save = useSubmit(t, async () => {
    const saved = await put<BankAccount>('/api/tenant/bank-account', {
      ...form, iban: form.iban.replace(/\s/g, ''), qrIban: form.qrIban?.replace(/\s/g, '') || null, bic: form.bic?.trim() || null,
      country: form.country.trim().toUpperCase(), vatId: normalizeVatId(form.vatId),
    });
    setForm(saved);
    notifications.show({ color: 'green', message: t('common:saved') });
  });
  const field = (key: keyof BankAccount) => ({
    value: form[key] ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement>) => { const value = e.currentTarget.value; setForm((f) => ({ ...f, [key]: value })); },
    error: save.fields[key],
  });
  const swiss = me?.tenant?.currency === 'CHF';

  return (
    <Page title={t('settings.title')}>
      <Card withBorder maw={720}>
        {account.loading && !account.data ? <Loading /> : account.error ? <LoadError message={errorText(t, account.error)} /> : (
          <form onSubmit={save.submit} noValidate>
            <Stack>
              <Title order={2} size="h4">{t('settings.account')}</Title>
              {account.data === null && <Alert color="blue">{t('settings.notSet')}</Alert>}
              <TextInput label={t('settings.iban')} required {...field('iban')} />
              {swiss && <TextInput label={t('settings.qrIban')} description={t('settings.qrIbanHint')} {...field('qrIban')} />}
              <TextInput label={t('settings.bic')} {...field('bic')} />
              <TextInput label={t('settings.creditorName')} required {...field('creditorName')} />
              <TextInput label={t('settings.street')} required {...field('street')} />
              <SimpleGrid cols={{ base: 1, xs: 3 }}>
                <TextInput label={t('settings.postalCode')} required {...field('postalCode')} />
                <TextInput label={t('settings.city')} required {...field('city')} />
                <TextInput label={t('settings.country')} description="AT, CH, DE…" required maxLength={2} {...field('country')} />
              </SimpleGrid>
              <TextInput label={t('settings.vatId')} description={t('settings.vatIdHint')} placeholder="ATU12345678" {...field('vatId')} />
              {save.error !== null && <Alert color="red" role="alert">{errorText(t, save.error)}</Alert>}
              <Group><Button type="submit" loading={save.busy}>{t('common:save')}</Button></Group>
            </Stack>
          </form>
        )}
      </Card>
      <RefundFeeForm />
      {me?.tenant?.operatingMode !== 'owner_statements' && <ReminderLevelsForm />}
    </Page>
  );
}
