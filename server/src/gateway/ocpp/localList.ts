// Keeps each device's local authorisation list (OCPP 1.6 SendLocalList) in step with the
// credentials, so a terminal that loses its connection still lets known badges wash. After a
// device is accepted we ask what it can hold (GetConfiguration) and which version it holds
// (GetLocalListVersion), then send what it lacks: the changes since its version, or the whole
// list. A change of any credential of the tenant (NOTIFY `credentials`) sends the delta to every
// connected device of that tenant, a moment later so a burst of changes travels as one update.
// Lists longer than SendLocalListMaxLength go in several messages: the first Full (or
// Differential), the rest Differential, all with the same version.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { deviceList, type LocalAuthorization } from '../../modules/authorization/authorization.devicelists.ts';
import type { DeviceConnection } from './connection.ts';

/** How long after a credential change the devices are sent it, gathering the changes of a burst. */
export const LIST_DEBOUNCE_MS = 500;

export interface ListCapacity {
  /** LocalAuthListMaxLength: entries the device can hold; null when it did not say. */
  maxLength: number | null;
  /** SendLocalListMaxLength: entries per SendLocalList message. */
  perMessage: number;
}

interface ConfigurationAnswer { configurationKey?: { key: string; value?: string }[] }

/** What the device supports, or null when it keeps no local list. */
async function capacityOf(connection: DeviceConnection): Promise<ListCapacity | null> {
  let answer: ConfigurationAnswer;
  try {
    answer = await connection.call('GetConfiguration', { key: ['LocalAuthListEnabled', 'LocalAuthListMaxLength', 'SendLocalListMaxLength'] }) as ConfigurationAnswer;
  } catch (error) {
    // A device that does not do GetConfiguration keeps no list we could manage.
    if (['NotImplemented', 'NotSupported'].includes((error as { rpcErrorCode?: string }).rpcErrorCode ?? '')) return null;
    throw error;
  }
  const value = (key: string) => answer.configurationKey?.find((k) => k.key === key)?.value;
  if (value('LocalAuthListEnabled')?.toLowerCase() === 'false') return null;
  const number = (key: string) => {
    const n = Number.parseInt(value(key) ?? '', 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  return { maxLength: number('LocalAuthListMaxLength'), perMessage: number('SendLocalListMaxLength') ?? 100 };
}

export async function syncLocalList(deps: Deps, connection: DeviceConnection): Promise<void> {
  const { device } = connection;
  if (device.registration !== 'accepted') return;
  if (connection.listCapacity === undefined) connection.listCapacity = await capacityOf(connection);
  const capacity = connection.listCapacity;
  if (!capacity) return;
  const { listVersion: held } = await connection.call('GetLocalListVersion', {}) as { listVersion: number };
  if (held < 0) return; // the device does not support local lists after all

  const list = await inTenant(deps.db, device.tenantId, (tx) => deviceList(tx, device.tenantId, held > 0 ? held : null));
  if (list.version !== held) {
    let entries = list.entries;
    if (list.updateType === 'Full' && capacity.maxLength !== null && entries.length > capacity.maxLength) {
      deps.log.warn({ identity: device.identity, entries: entries.length, maxLength: capacity.maxLength }, 'local list longer than the device holds; sending what fits');
      entries = entries.slice(0, capacity.maxLength);
    }
    const sent = await sendInParts(connection, list.version, list.updateType, entries, capacity.perMessage);
    if (!sent) return;
  }
  await inTenant(deps.db, device.tenantId, (tx) => tx.updateTable('devices').set({ local_list_version: list.version, local_list_max_length: capacity.maxLength })
    .where('tenant_id', '=', device.tenantId).where('id', '=', device.deviceId).execute());
}

async function sendInParts(connection: DeviceConnection, version: number, updateType: 'Full' | 'Differential', entries: LocalAuthorization[], perMessage: number): Promise<boolean> {
  const parts = entries.length === 0 ? [[]] : Array.from({ length: Math.ceil(entries.length / perMessage) }, (_, i) => entries.slice(i * perMessage, (i + 1) * perMessage));
  for (const [index, part] of parts.entries()) {
    const answer = await connection.call('SendLocalList', {
      listVersion: version, updateType: index === 0 ? updateType : 'Differential', ...(part.length > 0 ? { localAuthorizationList: part } : {}),
    }) as { status: string };
    if (answer.status !== 'Accepted') {
      connection.log('warn', { status: answer.status, version, part: index }, 'device refused its local list');
      return false;
    }
  }
  return true;
}

/** Sends credential changes to the tenant's connected devices, a moment after they happen. */
export function keepListsInStep(deps: Deps, connections: ReadonlyMap<string, DeviceConnection>): () => void {
  const pending = new Map<string, NodeJS.Timeout>();
  const unsubscribe = deps.notifications.subscribe('credentials', (payload) => {
    const tenantId = payload.split(':')[0]!;
    if (pending.has(tenantId)) return;
    pending.set(tenantId, setTimeout(() => {
      pending.delete(tenantId);
      for (const connection of connections.values()) {
        if (connection.device.tenantId === tenantId) connection.syncList();
      }
    }, LIST_DEBOUNCE_MS));
  });
  return () => {
    unsubscribe();
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  };
}
