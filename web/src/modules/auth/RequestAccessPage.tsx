// A resident without an account asks for one with the customer number from a letter or bill.
// The answer never says whether the number and address matched: a manager checks and approves.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from './apiErrors.ts';
import { PublicFrame } from './PublicFrame.tsx';

export function RequestAccessPage() {
  const { t } = useTranslation('auth');
  const [customerNumber, setCustomerNumber] = useState('');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useSubmit(t, async () => {
    await post('/api/access-requests', { customerNumber: customerNumber.trim(), email: email.trim() });
    setSent(true);
  });
  const errors = formErrors(error, ['customerNumber', 'email']);

  return (
    <PublicFrame title={t('requestAccess')}>
      {sent ? (
        <Alert color="green" role="status">{t('access.sent')}</Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('access.explain')}</Text>
            {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
            <TextInput label={t('access.customerNumber')} description={t('access.customerNumberHint')} required maxLength={40}
              value={customerNumber} error={errors.fields.customerNumber} onChange={(e) => setCustomerNumber(e.currentTarget.value)} />
            <TextInput label={t('email')} type="email" autoComplete="email" required value={email} error={errors.fields.email}
              onChange={(e) => setEmail(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>{t('access.submit')}</Button>
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
