// Every minute, each tenant's alarm rules are checked against the meters' aggregates and the
// devices' states (modules/alarms/alarms.evaluate.ts). Safe on every node at once: a rule's alarm
// is raised once, under a unique index on its open alarm.
import { asPlatform } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { evaluateAlarms } from '../../modules/alarms/alarms.evaluate.ts';
import { createHttpSms, type SmsSender } from '../../modules/sms/sms.ts';
import { allTenantIds } from '../../modules/tenancy/tenancy.repository.ts';
import type { Job } from '../worker.ts';

let sms: { url: string; sender: SmsSender } | undefined;

export async function evaluateAlarmsEverywhere(deps: Deps): Promise<{ raised: number; cleared: number }> {
  if (deps.config.smsUrl && sms?.url !== deps.config.smsUrl) sms = { url: deps.config.smsUrl, sender: createHttpSms({ url: deps.config.smsUrl, token: deps.config.smsToken }) };
  let raised = 0;
  let cleared = 0;
  for (const tenantId of await asPlatform(deps.db, allTenantIds)) {
    const report = await evaluateAlarms({ ...deps, sms: deps.config.smsUrl ? sms!.sender : null }, tenantId);
    raised += report.raised;
    cleared += report.cleared;
  }
  return { raised, cleared };
}

export const evaluateAlarmsJob: Job = { name: 'evaluate-alarms', intervalMs: 60_000, run: evaluateAlarmsEverywhere };
