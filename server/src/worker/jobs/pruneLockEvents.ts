// Keeps the locks' event logs within the property manager's settings: events past the retention
// are deleted, and at residential units the key behind an event is forgotten after the
// pseudonymisation age (the event keeps the key's pseudonym). See docs/locks.md.
import type { Job } from '../worker.ts';
import { pruneLockEvents } from '../../modules/locks/locks.usecases.ts';

export const pruneLockEventsJob: Job = { name: 'prune-lock-events', intervalMs: 60 * 60_000, run: pruneLockEvents };
