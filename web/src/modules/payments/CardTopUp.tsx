// Top up by card: choose an amount, pay on the provider's hosted payment page (the portal only
// sends the browser there, it loads nothing of the provider's), and come back to
// /wallet/top-ups/<payment id> (with ?canceled=1 after giving up). Only the provider's signed
// webhook credits the wallet, so back here the portal polls the payment until it has arrived:
// at once when it came first, after a few seconds otherwise.
import { Alert, Button, Card, Group, Loader, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { get, post } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { newId, toMinor } from '../../ui/ids.ts';
import { CARD_TOP_UP_MAX, CARD_TOP_UP_MIN, QUICK_AMOUNTS, type CardTopUp as Payment, type CardTopUpStarted } from './payments.api.ts';

const POLL_MS = 2000;
// A card payment is confirmed within seconds; a bank debit chosen on the payment page may take
// days, so the page stops asking after a while and says the credit follows by itself.
const POLL_FOR_MS = 3 * 60_000;

interface Props {
  currency: string;
  /** A payment to follow: the provider's page sent the resident back to /wallet/top-ups/:id. */
  resumeId?: string;
  onCredited(): void;
}

type Followed = { payment: Payment | null; slow: boolean };

export function CardTopUp({ currency, resumeId, onCredited }: Props) {
  const { t } = useTranslation('payments');
  const [searchParams] = useSearchParams();
  const canceled = searchParams.get('canceled') === '1';
  const [other, setOther] = useState<string | number>('');
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [followed, setFollowed] = useState<Followed>({ payment: null, slow: false });
  const credited = useRef(onCredited);
  credited.current = onCredited;

  const start = async (amountMinor: number) => {
    setBusy(amountMinor);
    setError(null);
    try {
      const started = await post<CardTopUpStarted>('/api/wallet/card-top-ups', { amountMinor, paymentId: newId() });
      // The button stays busy while the browser leaves for the payment page.
      window.location.assign(started.redirectUrl);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };

  useEffect(() => {
    setFollowed({ payment: null, slow: false });
    if (!resumeId) return;
    let stopped = false;
    let timer: number | undefined;
    const until = Date.now() + POLL_FOR_MS;
    const poll = async () => {
      try {
        const payment = await get<Payment>(`/api/wallet/card-top-ups/${resumeId}`);
        if (stopped) return;
        const pending = payment.status === 'created';
        // Back from "cancel" nothing more is coming: one look is enough.
        const slow = pending && !canceled && Date.now() >= until;
        setFollowed({ payment, slow });
        if (payment.status === 'succeeded') credited.current();
        if (pending && !canceled && !slow) timer = window.setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (!stopped) setError(err);
      }
    };
    void poll();
    return () => { stopped = true; window.clearTimeout(timer); };
  }, [resumeId, canceled]);

  const { payment, slow } = followed;
  const waiting = payment?.status === 'created' && !canceled && !slow;
  const otherMinor = toMinor(other);
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">{t('title')}</Title>
        <Text size="sm" c="dimmed">{t('hint')}</Text>
        <Group gap="xs" wrap="wrap">
          {QUICK_AMOUNTS.map((amount) => (
            <Button key={amount} variant="light" loading={busy === amount} disabled={busy !== null || waiting} onClick={() => void start(amount)}>
              {t('topUp', { amount: formatMoney(amount, currency) })}
            </Button>
          ))}
        </Group>
        <Group align="flex-end" wrap="wrap">
          <NumberInput label={t('other', { currency })} description={t('limits', { min: formatMoney(CARD_TOP_UP_MIN, currency), max: formatMoney(CARD_TOP_UP_MAX, currency) })}
            min={CARD_TOP_UP_MIN / 100} max={CARD_TOP_UP_MAX / 100} decimalScale={2} hideControls value={other} onChange={setOther} w={220} />
          <Button disabled={otherMinor === null || busy !== null || waiting} loading={busy !== null && busy === otherMinor}
            onClick={() => otherMinor !== null && void start(otherMinor)}>{t('pay')}</Button>
        </Group>
        {waiting && (
          <Alert color="blue" role="status" title={t('waitingTitle')} icon={<Loader size="xs" aria-hidden />}>{t('waiting')}</Alert>
        )}
        {payment?.status === 'created' && slow && <Alert color="blue" role="status">{t('slow')}</Alert>}
        {payment?.status === 'created' && canceled && <Alert color="gray" role="status">{t('canceled')}</Alert>}
        {payment?.status === 'succeeded' && (
          <Alert color="green" role="status">{t('succeeded', { amount: formatMoney(payment.amountMinor, payment.currency) })}</Alert>
        )}
        {(payment?.status === 'failed' || payment?.status === 'canceled') && <Alert color="red" role="alert">{t('failed')}</Alert>}
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
      </Stack>
    </Card>
  );
}
