// The SQL of an erasure: what is personal goes (deleted, or replaced by the pseudonym), what is
// bookkeeping stays, without a name, until the person's retain_until. The caller runs all of it
// in one transaction (asPlatform: users and sessions are platform tables).
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';

export interface ErasedPerson {
  tenantId: string;
  personId: string;
  pseudonym: string;
  retainUntil: string;
  /** The values to scrub from copies (payout files). */
  fullName: string;
}

/** The person row and every copy of their name, address or contact data in tenant tables. */
export async function erasePerson(tx: Tx, p: ErasedPerson, now: Date): Promise<void> {
  const t = p.tenantId;
  const id = p.personId;
  await tx.updateTable('people').set({ first_name: 'Deleted person', last_name: p.pseudonym.replace('Deleted person ', ''), email: null, landline: null,
    mobile: null, company_name: null, vat_id: null, erased_at: now, retain_until: p.retainUntil }).where('tenant_id', '=', t).where('id', '=', id).execute();
  // The buyer copied onto each invoice: the pseudonym, no address; number and amounts stay.
  await sql`UPDATE invoices SET buyer = jsonb_build_object('name', ${p.pseudonym}::text, 'customerNumber', buyer->'customerNumber', 'company', NULL, 'vatId', NULL, 'address', NULL)
    WHERE tenant_id = ${t}::uuid AND person_id = ${id}::uuid`.execute(tx);
  await tx.deleteFrom('occupancies').where('tenant_id', '=', t).where('person_id', '=', id).execute();
  await tx.deleteFrom('invitations').where('tenant_id', '=', t).where('person_id', '=', id).execute();
  await tx.deleteFrom('access_requests').where('tenant_id', '=', t).where('person_id', '=', id).execute();
  await tx.updateTable('parties').set({ name: p.pseudonym, email: null }).where('tenant_id', '=', t).where('person_id', '=', id).execute();
  await tx.updateTable('lock_keys').set({ holder_name: p.pseudonym, identifier: null }).where('tenant_id', '=', t).where('person_id', '=', id).execute();
  await tx.updateTable('credentials').set({ label: null }).where('tenant_id', '=', t).where('person_id', '=', id).execute();
  await tx.updateTable('badge_requests').set({ note: null, parking_space: null }).where('tenant_id', '=', t).where('person_id', '=', id).execute();
  // Payments stay bookkeeping; the payer's name becomes the pseudonym, their free text goes.
  await tx.updateTable('bank_entries').set({ debtor_name: p.pseudonym, free_text: null }).where('tenant_id', '=', t).where('person_id', '=', id).execute();
  // A refund's IBAN is the record of where the money went: kept until retain_until (purgeExpired).
  const refunds = await tx.updateTable('refund_requests').set({ account_holder: p.pseudonym }).where('tenant_id', '=', t).where('person_id', '=', id)
    .returning(['payout_batch_id', 'account_holder']).execute();
  const batches = [...new Set(refunds.map((r) => r.payout_batch_id).filter((b): b is string => b !== null))];
  if (batches.length) {
    await sql`UPDATE payout_batches SET xml = replace(xml, ${escapeXml(p.fullName)}, ${p.pseudonym})
      WHERE tenant_id = ${t}::uuid AND id = ANY(${batches}::uuid[])`.execute(tx);
  }
  // Photos and documents may show the flat or the person: they go; the ticket stays without its words.
  await sql`DELETE FROM ticket_attachments WHERE tenant_id = ${t}::uuid
    AND ticket_id IN (SELECT id FROM tickets WHERE tenant_id = ${t}::uuid AND person_id = ${id}::uuid)`.execute(tx);
  await sql`UPDATE tickets SET subject = ${p.pseudonym}, body = ${p.pseudonym}, charger_serial = NULL
    WHERE tenant_id = ${t}::uuid AND person_id = ${id}::uuid`.execute(tx);
  await sql`UPDATE audit_events SET before = NULL, after = NULL
    WHERE tenant_id = ${t}::uuid AND entity_id = ${id}`.execute(tx);
}

/** What belongs to the login: gone, except the row itself, which bookkeeping and history point to. */
export async function eraseUser(tx: Tx, user: { id: string; email: string }, pseudonym: string, now: Date): Promise<void> {
  const id = user.id;
  await sql`UPDATE ticket_events SET body = ${pseudonym} WHERE author_user_id = ${id}::uuid AND body IS NOT NULL`.execute(tx);
  await sql`DELETE FROM notification_preferences WHERE user_id = ${id}::uuid`.execute(tx);
  await tx.deleteFrom('notifications').where('user_id', '=', id).execute();
  await tx.deleteFrom('alarm_subscriptions').where('user_id', '=', id).execute();
  await tx.deleteFrom('alarm_subscriptions').where('rule_id', 'in', (eb) => eb.selectFrom('alarm_rules').select('id').where('created_by', '=', id)).execute();
  await tx.deleteFrom('alarms').where('rule_id', 'in', (eb) => eb.selectFrom('alarm_rules').select('id').where('created_by', '=', id)).execute();
  await tx.deleteFrom('alarm_rules').where('created_by', '=', id).execute();
  await tx.deleteFrom('pseudonymised_access').where('user_id', '=', id).execute();
  await tx.deleteFrom('technician_sites').where('user_id', '=', id).execute();
  await tx.updateTable('audit_events').set({ actor_label: pseudonym }).where('actor_user_id', '=', id).execute();
  await sql`UPDATE audit_events SET before = NULL, after = NULL WHERE entity_id = ${id}`.execute(tx);
  await tx.updateTable('credential_events').set({ actor: pseudonym })
    .where((eb) => eb.or([eb('actor_user_id', '=', id), eb(sql`strpos(lower(actor), ${user.email.toLowerCase()})`, '>', 0)])).execute();
  await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
  await tx.deleteFrom('recovery_codes').where('user_id', '=', id).execute();
  await tx.deleteFrom('user_tokens').where('user_id', '=', id).execute();
  await sql`DELETE FROM login_events WHERE user_id = ${id}::uuid OR lower(email) = lower(${user.email})`.execute(tx);
  await tx.updateTable('users').set({ email: `erased-${id}@erased.invalid`, password_hash: null, display_name: pseudonym, landline: null, mobile: null,
    totp_secret: null, totp_enabled_at: null, totp_last_step: null, disabled_at: now, erased_at: now }).where('id', '=', id).execute();
}

/** Erased people past their retention: what identified them in bookkeeping goes too. */
export async function purgeRetained(tx: Tx, today: string): Promise<number> {
  const people = await tx.updateTable('people').set({ retain_until: null, customer_number: sql`'erased-' || id::text` })
    .where('retain_until', '<', today).returning(['tenant_id', 'id']).execute();
  for (const p of people) {
    await sql`UPDATE invoices SET buyer = buyer || jsonb_build_object('customerNumber', 'erased') WHERE tenant_id = ${p.tenant_id}::uuid AND person_id = ${p.id}::uuid`.execute(tx);
    await tx.updateTable('refund_requests').set({ iban: 'erased' }).where('tenant_id', '=', p.tenant_id).where('person_id', '=', p.id).execute();
    await tx.updateTable('bank_entries').set({ debtor_iban: null, reference: null }).where('tenant_id', '=', p.tenant_id).where('person_id', '=', p.id).execute();
    await tx.updateTable('usage_sessions').set({ id_tag: 'erased' }).where('tenant_id', '=', p.tenant_id).where('person_id', '=', p.id).execute();
  }
  return people.length;
}

export async function pruneLoginEvents(tx: Tx, before: Date): Promise<number> {
  const result = await tx.deleteFrom('login_events').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function pruneMailOutbox(tx: Tx, before: Date): Promise<number> {
  const result = await tx.deleteFrom('mail_outbox').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Device command logs older than each tenant's own device_log_retention_days. */
export async function pruneDeviceCommands(tx: Tx, now: Date): Promise<number> {
  const result = await sql`DELETE FROM device_commands c USING tenants t LEFT JOIN tenant_settings s ON s.tenant_id = t.id
    WHERE c.tenant_id = t.id AND c.created_at < ${now}::timestamptz - make_interval(days => COALESCE(s.device_log_retention_days, 90))`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
