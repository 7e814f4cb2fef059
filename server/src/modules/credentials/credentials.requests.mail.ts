// Tells the resident how their badge request was decided, in their language, with the fee it
// carries (approval) or the reason (rejection).
import type { Currency } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { formatMoney } from '../refunds/refunds.mail.ts';
import type { BadgeRequestRow } from './credentials.requests.repository.ts';

export async function notifyRequestDecision(deps: Deps, request: BadgeRequestRow, fee: { amountMinor: number; currency: Currency }): Promise<void> {
  if (!request.email || (request.status !== 'approved' && request.status !== 'rejected')) return;
  const vars = {
    name: `${request.first_name} ${request.last_name}`, amount: formatMoney(fee.amountMinor, fee.currency, request.language),
    reason: request.reason ?? '', url: new URL('/my-badges', deps.config.publicUrl).toString(),
  };
  try {
    await deps.mailer.send(renderMail(request.email, request.language, request.status === 'approved' ? 'badgeRequestApproved' : 'badgeRequestRejected', vars));
  } catch (error) {
    // The decision stands (it is committed); a lost notice is logged, not turned into a failure.
    deps.log.error({ err: error, badgeRequestId: request.id }, 'badge request decision mail failed');
  }
}
