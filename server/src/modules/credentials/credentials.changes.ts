// Who acted, as the history of a credential records it. Staff are named (their login, as in the
// audit log); a resident acting on their own credential is "resident"; payments are "fee".
import type { TenantActor } from '../../http/actor.ts';
import type { Change } from './credentials.lifecycle.ts';

export function staffChange(actor: TenantActor, reason: string | null, now: Date): Change {
  const label = actor.via === 'session' ? actor.email : actor.displayName;
  return { userId: actor.via === 'session' ? actor.userId : null, actor: `staff:${label}`, reason, now };
}

export function residentChange(actor: TenantActor, reason: string | null, now: Date): Change {
  return { userId: actor.via === 'session' ? actor.userId : null, actor: 'resident', reason, now };
}

/** "staff:anna@x" → { kind: 'staff', by: 'anna@x' }; "terminal:ETZ-1" → { kind: 'terminal', by: 'ETZ-1' }. */
export function splitActor(actor: string): { kind: string; by: string | null } {
  const at = actor.indexOf(':');
  return at < 0 ? { kind: actor, by: null } : { kind: actor.slice(0, at), by: actor.slice(at + 1) };
}

/** An optional reason as stored: trimmed, empty as none. */
export const cleanReason = (reason: string | undefined | null) => (reason?.trim() ? reason.trim() : null);
