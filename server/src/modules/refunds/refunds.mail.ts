// Tells the resident how their refund request was decided (or that it expired undecided), in
// their language.
import type { Currency, Language } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { renderMail } from '../mail/mail.templates.ts';
import type { RefundRow } from './refunds.repository.ts';

export function formatMoney(minor: number, currency: Currency, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency }).format(minor / 100);
}

/** Only the end of the IBAN: enough to recognise the account, useless to anyone reading along. */
export const maskedIban = (iban: string) => `${iban.slice(0, 2)}… ${iban.slice(-4)}`;

export async function notifyDecision(deps: Deps, refund: RefundRow, extra: Record<string, string> = {}): Promise<void> {
  if (!refund.email) return;
  const money = (minor: number) => formatMoney(minor, refund.currency, refund.language);
  const vars = {
    name: `${refund.first_name} ${refund.last_name}`, amount: money(Number(refund.amount)), fee: money(Number(refund.fee)),
    payout: money(Number(refund.amount) - Number(refund.fee)), iban: maskedIban(refund.iban), reason: refund.reason ?? '',
    ...extra,
  };
  const template = refund.status === 'rejected' ? 'refundRejected' : refund.status === 'expired' ? 'refundExpired' : 'refundApproved';
  try {
    await deps.mailer.send(renderMail(refund.email, refund.language, template, vars));
  } catch (error) {
    // The decision stands (it is committed); a lost notice is logged, not turned into a failure.
    deps.log.error({ err: error, refundId: refund.id }, 'refund decision mail failed');
  }
}
