// The processing fee deducted from every refund (an admin setting of the property manager).
import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';

export function RefundFeeForm() {
  const { t } = useTranslation('refunds');
  const { me } = useSession();
  const settings = useLoad<{ refundFeeMinor: number }>('/api/tenant/refund-settings');
  const [fee, setFee] = useState<string | number>('');
  useEffect(() => { if (settings.data) setFee(settings.data.refundFeeMinor / 100); }, [settings.data]);
  const save = useSubmit(t, async () => {
    await put('/api/tenant/refund-settings', { refundFeeMinor: Math.round(Number(fee) * 100) });
    notifications.show({ color: 'green', message: t('common:saved') });
  });
  return (
    <Card withBorder maw={720}>
      <form onSubmit={save.submit} noValidate>
        <Stack>
          <Title order={2} size="h4">{t('fee.title')}</Title>
          <Text size="sm" c="dimmed">{t('fee.hint')}</Text>
          {settings.loading && !settings.data ? <Loading /> : (
            <NumberInput label={t('fee.label', { currency: me?.tenant?.currency ?? '' })} min={0} max={1000} decimalScale={2} fixedDecimalScale
              hideControls value={fee} onChange={setFee} error={save.fields.refundFeeMinor} w={200} />
          )}
          {(save.error ?? settings.error) !== null && <Alert color="red" role="alert">{errorText(t, save.error ?? settings.error)}</Alert>}
          <Group><Button type="submit" loading={save.busy} disabled={fee === ''}>{t('common:save')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}
