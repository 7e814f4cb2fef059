// Paying an invoice by card: the button sends the browser to the provider's hosted payment page,
// which sends the resident back to /invoices?invoice=<id>&payment=<payment id> (with &canceled=1
// after giving up). Only the provider's signed webhook settles the invoice, so back here the page
// polls the payment until it has arrived, then reloads the invoices (as CardTopUp does for a top-up).
import { Alert, Button, Loader } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { get, post } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { newId } from '../../ui/ids.ts';
import type { Invoice, InvoiceCardPayment, InvoiceCardPaymentStarted } from './invoices.api.ts';

const POLL_MS = 2000;
// A card payment is confirmed within seconds; a bank debit chosen on the payment page may take days.
const POLL_FOR_MS = 3 * 60_000;

export function PayByCardButton({ invoice, onError }: { invoice: Invoice; onError(error: unknown): void }) {
  const { t } = useTranslation('invoices');
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      const started = await post<InvoiceCardPaymentStarted>(`/api/me/invoices/${invoice.id}/card-payment`, { paymentId: newId() });
      // The button stays busy while the browser leaves for the payment page.
      window.location.assign(started.redirectUrl);
    } catch (error) {
      onError(error);
      setBusy(false);
    }
  };
  return <Button variant="light" loading={busy} onClick={() => void start()}>{t('unpaid.payByCard')}</Button>;
}

type Followed = { payment: InvoiceCardPayment | null; slow: boolean; error: unknown };

/** What became of the card payment the payment page sent the resident back with, if any. */
export function CardPaymentOutcome({ onSettled }: { onSettled(): void }) {
  const { t } = useTranslation('invoices');
  const [params] = useSearchParams();
  const invoiceId = params.get('invoice');
  const paymentId = params.get('payment');
  const canceled = params.get('canceled') === '1';
  const [followed, setFollowed] = useState<Followed>({ payment: null, slow: false, error: null });
  const settled = useRef(onSettled);
  settled.current = onSettled;

  useEffect(() => {
    setFollowed({ payment: null, slow: false, error: null });
    if (!invoiceId || !paymentId) return;
    let stopped = false;
    let timer: number | undefined;
    const until = Date.now() + POLL_FOR_MS;
    const poll = async () => {
      try {
        const payment = await get<InvoiceCardPayment>(`/api/me/invoices/${invoiceId}/card-payment/${paymentId}`);
        if (stopped) return;
        const pending = payment.status === 'created';
        // Back from "cancel" nothing more is coming: one look is enough.
        const slow = pending && !canceled && Date.now() >= until;
        setFollowed({ payment, slow, error: null });
        if (payment.status === 'succeeded') settled.current();
        if (pending && !canceled && !slow) timer = window.setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (!stopped) setFollowed({ payment: null, slow: false, error });
      }
    };
    void poll();
    return () => { stopped = true; window.clearTimeout(timer); };
  }, [invoiceId, paymentId, canceled]);

  const { payment, slow, error } = followed;
  if (error !== null) return <Alert color="red" role="alert">{errorText(t, error)}</Alert>;
  if (!payment) return null;
  if (payment.status === 'succeeded') {
    return <Alert color="green" role="status">{t('cardPayment.succeeded', { amount: formatMoney(payment.amountMinor, payment.currency) })}</Alert>;
  }
  if (payment.status === 'failed' || payment.status === 'canceled') return <Alert color="red" role="alert">{t('cardPayment.failed')}</Alert>;
  if (canceled) return <Alert color="gray" role="status">{t('cardPayment.canceled')}</Alert>;
  if (slow) return <Alert color="blue" role="status">{t('cardPayment.slow')}</Alert>;
  return <Alert color="blue" role="status" title={t('cardPayment.waitingTitle')} icon={<Loader size="xs" aria-hidden />}>{t('cardPayment.waiting')}</Alert>;
}
