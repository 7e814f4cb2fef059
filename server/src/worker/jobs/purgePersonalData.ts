// Retention (docs/PRIVACY.md): login history, device command logs and the mail outbox past their
// periods, and what still names an erased person once their bookkeeping's retention ended.
import type { Job } from '../worker.ts';
import { purgePersonalData } from '../../modules/privacy/privacy.usecases.ts';

export const purgePersonalDataJob: Job = { name: 'purge-personal-data', intervalMs: 6 * 60 * 60_000, run: purgePersonalData };
