// Every periodic job the worker runs. Later modules append theirs.
import type { Job } from '../worker.ts';
import { expireHoldsJob } from './expireHolds.ts';
import { purgeExpiredCredentialsJob } from './purgeExpiredCredentials.ts';
import { endSessionsJob } from './endSessions.ts';
import { remindInvoicesJob } from './remindInvoices.ts';
import { evaluateAlarmsJob } from './evaluateAlarms.ts';
import { pruneLockEventsJob } from './pruneLockEvents.ts';
import { purgePersonalDataJob } from './purgePersonalData.ts';

export const jobs: Job[] = [purgeExpiredCredentialsJob, expireHoldsJob, endSessionsJob, remindInvoicesJob, evaluateAlarmsJob, pruneLockEventsJob, purgePersonalDataJob];
