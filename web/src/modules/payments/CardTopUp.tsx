// Top up by card: choose an amount, the provider takes the payment, and its webhook credits the
// wallet. The portal polls the payment until the webhook has arrived, then refreshes the balance.
import { Alert, Button, Card, Group, Loader, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { newId, toMinor } from '../../ui/ids.ts';
import { CARD_TOP_UP_MAX, CARD_TOP_UP_MIN, QUICK_AMOUNTS, type CardTopUp as Payment, type CardTopUpStarted } from './payments.api.ts';

const POLL_MS = 2000;

interface Props {
  currency: string;
  /** A payment to follow, e.g. after the provider's page sent the resident back to /wallet/top-ups/:id. */
  resumeId?: string;
  onCredited(): void;
}

export function CardTopUp({ currency, resumeId, onCredited }: Props) {
  const { t } = useTranslation('payments');
  const [other, setOther] = useState<string | number>('');
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [waitingFor, setWaitingFor] = useState<string | null>(resumeId ?? null);
  const [outcome, setOutcome] = useState<Payment | null>(null);
  const credited = useRef(onCredited);
  credited.current = onCredited;

  const start = async (amountMinor: number) => {
    setBusy(amountMinor);
    setError(null);
    setOutcome(null);
    try {
      const started = await post<CardTopUpStarted>('/api/wallet/card-top-ups', { amountMinor, paymentId: newId() });
      if (started.redirectUrl) {
        window.location.assign(started.redirectUrl);
        return;
      }
      // SEAM: with Stripe, Stripe Elements mounts here with `started.clientSecret` (stripe.confirmPayment
      // with return_url = /wallet/top-ups/<id>). The portal does not load Stripe.js from the network
      // yet; either way only the signed webhook credits the wallet, so from here on we just wait for it.
      setWaitingFor(started.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    if (!waitingFor) return;
    let stopped = false;
    const poll = async () => {
      try {
        const payment = await get<Payment>(`/api/wallet/card-top-ups/${waitingFor}`);
        if (stopped || payment.status === 'created') return;
        setOutcome(payment);
        setWaitingFor(null);
        if (payment.status === 'succeeded') credited.current();
      } catch (err) {
        if (!stopped) { setError(err); setWaitingFor(null); }
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => { stopped = true; window.clearInterval(timer); };
  }, [waitingFor]);

  const otherMinor = toMinor(other);
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">{t('title')}</Title>
        <Text size="sm" c="dimmed">{t('hint')}</Text>
        <Group gap="xs" wrap="wrap">
          {QUICK_AMOUNTS.map((amount) => (
            <Button key={amount} variant="light" loading={busy === amount} disabled={busy !== null || waitingFor !== null} onClick={() => void start(amount)}>
              {t('topUp', { amount: formatMoney(amount, currency) })}
            </Button>
          ))}
        </Group>
        <Group align="flex-end" wrap="wrap">
          <NumberInput label={t('other', { currency })} description={t('limits', { min: formatMoney(CARD_TOP_UP_MIN, currency), max: formatMoney(CARD_TOP_UP_MAX, currency) })}
            min={CARD_TOP_UP_MIN / 100} max={CARD_TOP_UP_MAX / 100} decimalScale={2} hideControls value={other} onChange={setOther} w={220} />
          <Button disabled={otherMinor === null || busy !== null || waitingFor !== null} loading={busy !== null && busy === otherMinor}
            onClick={() => otherMinor !== null && void start(otherMinor)}>{t('pay')}</Button>
        </Group>
        {waitingFor && (
          <Alert color="blue" role="status" title={t('waitingTitle')} icon={<Loader size="xs" aria-hidden />}>{t('waiting')}</Alert>
        )}
        {outcome?.status === 'succeeded' && (
          <Alert color="green" role="status">{t('succeeded', { amount: formatMoney(outcome.amountMinor, outcome.currency) })}</Alert>
        )}
        {outcome && outcome.status !== 'succeeded' && <Alert color="red" role="alert">{t('failed')}</Alert>}
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
      </Stack>
    </Card>
  );
}
