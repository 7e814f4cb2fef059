// Applies the auto-end rules of usage sessions every half minute (sessions.ending.ts).
import { endDueSessions } from '../../modules/sessions/sessions.ending.ts';
import type { Job } from '../worker.ts';

export const endSessionsJob: Job = {
  name: 'end-sessions',
  intervalMs: 30_000,
  run: (deps) => endDueSessions(deps),
};
