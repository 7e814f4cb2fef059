// A prepaid code typed as printed (XXXX-XXXX-XXXX-XXXX, formatted while typed) and redeemed for a
// lock or, without one, for the account (organisation management). Refusals are said in the
// reader's words; success names what the code brought.
import { Button, Group, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formatCode, type Redeemed } from './locks.api.ts';

export function RedeemCodeForm({ lockId, onRedeemed }: { lockId?: string; onRedeemed(redeemed: Redeemed): Promise<void> | void }) {
  const { t } = useTranslation('locks');
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(t, async () => {
    const redeemed = await post<Redeemed>('/api/prepaid-codes/redeem', { code, ...(lockId && { lockId }) });
    notifications.show({ color: 'green', message: t('redeem.done', { product: t(`products.${redeemed.product}`) }) });
    setCode('');
    await onRedeemed(redeemed);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" wrap="wrap">
        <TextInput label={t('redeem.code')} placeholder="XXXX-XXXX-XXXX-XXXX" value={code} onChange={(e) => setCode(formatCode(e.currentTarget.value))}
          styles={{ input: { fontFamily: 'monospace' } }} w={{ base: '100%', xs: 260 }} autoComplete="off" error={error !== null ? errorText(t, error) : undefined} />
        <Button type="submit" mt={25} loading={busy} disabled={code.replace(/-/g, '').length !== 16}>{t('redeem.submit')}</Button>
      </Group>
    </form>
  );
}

