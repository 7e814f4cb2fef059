// Data protection (docs/PRIVACY.md): a login's own data as one archive, its erasure on request
// confirmed by e-mail, and the retention purges the worker runs.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { Actor } from '../../http/actor.ts';
import { newToken, tokenHash } from '../auth/auth.tokens.ts';
import { changeCredentialStatus } from '../credentials/credentials.lifecycle.ts';
import { announceWhitelist, nextWhitelistVersion, revokeKey } from '../locks/locks.repository.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { buildArchive, type Sections } from './privacy.archive.ts';
import * as erasure from './privacy.erasure.repository.ts';
import { balanceRemaining, invalidDeletionToken, openInvoices, tokenLoginOnly } from './privacy.errors.ts';
import { EXPORTED, OMITTED_COLUMNS, SECRET_COLUMNS, type Subject } from './privacy.registry.ts';
import * as repo from './privacy.repository.ts';
import { retainUntil } from './privacy.retention.ts';

const DELETION_LINK_MS = 24 * 3_600_000;
const DAY_MS = 86_400_000;

function ownLogin(actor: Actor): string {
  // An API token acts for an office, not for a person's own rights.
  if (actor.via !== 'session') throw tokenLoginOnly();
  return actor.userId;
}

export async function exportOwnData(deps: Deps, actor: Actor): Promise<Uint8Array> {
  const userId = ownLogin(actor);
  const sections: Sections = Object.fromEntries(EXPORTED.map((t) => [t.table, []]));
  const memberships = await asPlatform(deps.db, (tx) => repo.membershipsOf(tx, userId));
  const keep = (table: string, row: Record<string, unknown>) => Object.fromEntries(Object.entries(row)
    .filter(([column]) => !SECRET_COLUMNS.includes(column) && !OMITTED_COLUMNS[table]?.includes(column)));
  const collect = async (tx: Tx, scope: 'platform' | 'tenant', subject: Subject) => {
    for (const table of EXPORTED.filter((t) => t.scope === scope)) {
      sections[table.table]!.push(...(await repo.rowsOf(tx, table, subject)).map((row) => keep(table.table, row)));
    }
  };
  await asPlatform(deps.db, (tx) => collect(tx, 'platform', { userId, tenantId: '', personId: null }));
  for (const m of memberships) {
    await inTenant(deps.db, m.tenant_id, (tx) => collect(tx, 'tenant', { userId, tenantId: m.tenant_id, personId: m.person_id }));
  }
  return buildArchive(deps.clock.now(), sections);
}

/** Refuses while money or debts are open in any tenant: those have to be settled by a person first. */
async function requireSettled(tx: Tx, userId: string): Promise<void> {
  for (const m of await repo.membershipsOf(tx, userId)) {
    if (!m.person_id) continue;
    const balance = await repo.walletBalance(tx, m.tenant_id, m.person_id);
    if (balance > 0) throw balanceRemaining(balance);
    const open = await repo.openInvoiceCount(tx, m.tenant_id, m.person_id);
    if (open > 0) throw openInvoices(open);
  }
}

export async function requestDeletion(deps: Deps, actor: Actor): Promise<void> {
  const userId = ownLogin(actor);
  const now = deps.clock.now();
  const token = newToken();
  const user = await asPlatform(deps.db, async (tx) => {
    await requireSettled(tx, userId);
    await repo.insertDeletionToken(tx, { id: tokenHash(token), userId, expiresAt: new Date(now.getTime() + DELETION_LINK_MS) });
    return (await repo.findUser(tx, userId))!;
  });
  const url = `${deps.config.publicUrl}/delete-account?token=${encodeURIComponent(token)}`;
  await deps.mailer.send(renderMail(user.email, user.language, 'accountDeletionConfirm', { name: user.display_name, url }));
}

/** A pseudonym nobody can trace back: four characters of Crockford's alphabet. */
function newPseudonym(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return `Deleted person ${[...randomBytes(4)].map((b) => alphabet[b % 32]).join('')}`;
}

/** Erases the login and every person behind it in one transaction, then tells the old address. */
export async function confirmDeletion(deps: Deps, token: string): Promise<void> {
  const now = deps.clock.now();
  const pseudonym = newPseudonym();
  const user = await asPlatform(deps.db, async (tx) => {
    const row = await repo.findLiveDeletionToken(tx, tokenHash(token), now);
    if (!row) throw invalidDeletionToken();
    await requireSettled(tx, row.user_id);
    const user = (await repo.findUser(tx, row.user_id))!;
    for (const m of await repo.membershipsOf(tx, user.id)) {
      if (!m.person_id) continue;
      const person = (await repo.findPerson(tx, m.tenant_id, m.person_id))!;
      await deactivateAccess(tx, m.tenant_id, m.person_id, now);
      const { country } = await repo.tenantCountry(tx, m.tenant_id);
      await erasure.erasePerson(tx, { tenantId: m.tenant_id, personId: m.person_id, pseudonym, retainUntil: retainUntil(country, now),
        fullName: `${person.first_name} ${person.last_name}` }, now);
    }
    await erasure.eraseUser(tx, user, pseudonym, now);
    return user;
  });
  // The last mail to the address, held in memory only: the row already has the placeholder.
  await deps.mailer.send(renderMail(user.email, user.language, 'accountDeleted', { name: user.display_name }));
}

/** Badges stop working at the terminals and keys at the locks, through their own life cycles. */
async function deactivateAccess(tx: Tx, tenantId: string, personId: string, now: Date): Promise<void> {
  for (const credential of await repo.activeCredentials(tx, tenantId, personId)) {
    await changeCredentialStatus(tx, tenantId, credential.id, 'returned', { userId: null, actor: 'system', reason: 'account deleted', now });
  }
  for (const key of await repo.liveKeys(tx, tenantId, personId)) {
    const version = key.medium ? await nextWhitelistVersion(tx, tenantId, key.lock_id) : Number(key.version);
    await revokeKey(tx, tenantId, key.id, now, null, version);
    if (key.medium) await announceWhitelist(tx, tenantId, key.lock_id, version);
  }
}

/** The worker's retention run: login history, device logs, the mail outbox, expired bookkeeping names. */
export function purgePersonalData(deps: Deps) {
  const now = deps.clock.now();
  return asPlatform(deps.db, async (tx) => ({
    loginEvents: await erasure.pruneLoginEvents(tx, new Date(now.getTime() - deps.config.loginHistoryRetentionDays * DAY_MS)),
    mails: await erasure.pruneMailOutbox(tx, new Date(now.getTime() - deps.config.mailOutboxRetentionDays * DAY_MS)),
    deviceCommands: await erasure.pruneDeviceCommands(tx, now),
    retainedPeople: await erasure.purgeRetained(tx, now.toISOString().slice(0, 10)),
  }));
}
