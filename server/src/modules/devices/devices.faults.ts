// What happens when an appliance reports a fault (the gateway's StatusNotification handler calls
// this when one turns Faulted): with the tenant's fault action `notify_staff`, every office staff
// member gets an e-mail in their language saying which appliance, where, which error and when.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Language } from '../../db/schema.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { faultContext, officeStaff } from './devices.faults.repository.ts';

const formatTime = (at: Date, language: Language, country: string) =>
  new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: timeZoneOf(country), timeZoneName: 'short' }).format(at);

export interface ApplianceFault { tenantId: string; deviceId: string; applianceId: string; errorCode: string; info: string | null }

/** Never throws: the device's StatusNotification is answered whatever happens to the notice. */
export async function onApplianceFault(deps: Deps, input: ApplianceFault): Promise<void> {
  try {
    await notifyStaff(deps, input);
  } catch (error) {
    deps.log.error({ err: error, deviceId: input.deviceId, applianceId: input.applianceId }, 'appliance fault action failed');
  }
}

async function notifyStaff(deps: Deps, input: ApplianceFault): Promise<void> {
  const at = deps.clock.now();
  const place = await inTenant(deps.db, input.tenantId, (tx) => faultContext(tx, input.tenantId, input.deviceId, input.applianceId));
  if (!place || (place.fault_action ?? 'notify_staff') !== 'notify_staff') return;
  const staff = await asPlatform(deps.db, (tx) => officeStaff(tx, input.tenantId));
  const url = new URL(`/devices/${input.deviceId}`, deps.config.publicUrl).toString();
  for (const member of staff) {
    const vars = {
      name: member.display_name, appliance: place.appliance_name, connector: String(place.connector_id), device: `${place.device_name} (${place.identity})`,
      place: place.unit_label ? `${place.site_name}, ${place.unit_label}` : place.site_name,
      errorCode: input.errorCode, info: input.info?.trim() || '–', time: formatTime(at, member.language, place.country), url,
    };
    try {
      await deps.mailer.send(renderMail(member.email, member.language, 'applianceFault', vars));
    } catch (error) {
      // One lost notice must not keep the others from going out, nor fail the device's message.
      deps.log.error({ err: error, deviceId: input.deviceId, applianceId: input.applianceId }, 'appliance fault mail failed');
    }
  }
}
