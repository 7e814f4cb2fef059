import type { CardPaymentStatus, Currency } from '../../db/schema.ts';
import type { Tx } from '../../db/scope.ts';

const columns = ['id', 'person_id', 'amount', 'currency', 'provider_payment_id', 'status', 'transfer_id', 'invoice_id', 'created_at', 'updated_at'] as const;

export function findCardPayment(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('card_payments').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/**
 * Locks the row, so concurrent deliveries (the same webhook twice, or the Checkout Session's
 * and the PaymentIntent's event about one payment) are applied one after another.
 */
export function lockCardPayment(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('card_payments').select(columns)
    .where('tenant_id', '=', tenantId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
}

export type CardPaymentRow = NonNullable<Awaited<ReturnType<typeof findCardPayment>>>;

/** Inserts unless a payment with this id exists (a concurrent retry); the caller re-reads. */
export async function insertCardPayment(tx: Tx, payment: { tenantId: string; id: string; personId: string; amount: number; currency: Currency; providerPaymentId: string; invoiceId: string | null }) {
  await tx.insertInto('card_payments').values({
    tenant_id: payment.tenantId, id: payment.id, person_id: payment.personId, amount: payment.amount,
    currency: payment.currency, provider_payment_id: payment.providerPaymentId, invoice_id: payment.invoiceId,
  }).onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing()).execute();
}

export async function setCardPaymentStatus(tx: Tx, tenantId: string, id: string, status: CardPaymentStatus, transferId: string | null, now: Date) {
  await tx.updateTable('card_payments').set({ status, transfer_id: transferId, updated_at: now })
    .where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The property manager's currency, and its name for the payment page. */
export function tenantForPayment(tx: Tx, tenantId: string): Promise<{ currency: Currency; name: string }> {
  return tx.selectFrom('tenants').select(['currency', 'name']).where('id', '=', tenantId).executeTakeFirstOrThrow();
}

export async function personExists(tx: Tx, tenantId: string, personId: string): Promise<boolean> {
  const row = await tx.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
  return row !== undefined;
}
