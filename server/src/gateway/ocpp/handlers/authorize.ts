// Authorize: may this tag start here? A refusal is an answer (idTagInfo.status), never an error.
// Prepaid charging also needs the site's minimum balance on the wallet.
import type { Deps } from '../../../deps.ts';
import { authorize as check } from '../../../modules/authorization/authorization.usecases.ts';
import { purposeOf } from '../../../modules/sessions/sessions.rules.ts';
import type { DeviceConnection } from '../connection.ts';

export interface IdTagInfo { status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx' }

export async function authorize(deps: Deps, connection: DeviceConnection, params: { idTag: string }): Promise<{ idTagInfo: IdTagInfo }> {
  const { device } = connection;
  if (device.registration !== 'accepted') return { idTagInfo: { status: 'Invalid' } };
  const answer = await check(deps, { tenantId: device.tenantId, deviceId: device.identity, purpose: purposeOf(device), idTag: params.idTag });
  if (answer.status === 'Accepted' && device.kind === 'charger') {
    const rules = await connection.chargingRules();
    if (rules.billing === 'prepaid' && (answer.balanceMinor ?? 0) < rules.minBalanceMinor) return { idTagInfo: { status: 'Blocked' } };
  }
  return { idTagInfo: { status: answer.status } };
}
