import { forbidden } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';

/** Account security is changed by the person in a browser session, never by an API token. */
export function requireOwnSession(actor: Actor): Actor & { sessionId: string } {
  if (actor.via !== 'session' || !actor.sessionId) throw forbidden();
  return actor as Actor & { sessionId: string };
}
