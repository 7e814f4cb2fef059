// The versioned list of tags a device keeps for when it is offline (OCPP 1.6 SendLocalList; lock
// whitelists later). Built from credential_list_changes, the log every credential change appends
// to (credentials.lifecycle.ts): a device that holds version N gets the latest change of each tag
// after N; one without a list, or with a version we never issued, gets the whole list.
import type { Tx } from '../../db/scope.ts';
import type { ListedStatus } from '../../db/schema.ts';
import * as repo from './authorization.repository.ts';
import { MAX_ID_TAG_LENGTH } from './authorization.usecases.ts';

/** OCPP 1.6 AuthorizationData: without idTagInfo, a Differential update removes the tag. */
export interface LocalAuthorization {
  idTag: string;
  idTagInfo?: { status: ListedStatus; expiryDate?: string };
}

export interface DeviceList {
  version: number;
  updateType: 'Full' | 'Differential';
  entries: LocalAuthorization[];
}

export async function deviceList(tx: Tx, tenantId: string, sinceVersion: number | null): Promise<DeviceList> {
  if (sinceVersion !== null && sinceVersion > 0) {
    const delta = await repo.listChanges(tx, tenantId, sinceVersion);
    if (sinceVersion <= delta.version) return { version: delta.version, updateType: 'Differential', entries: delta.tags.flatMap(toEntry) };
  }
  const all = await repo.listChanges(tx, tenantId, null);
  return { version: all.version, updateType: 'Full', entries: all.tags.filter((t) => t.status !== null).flatMap(toEntry) };
}

function toEntry(tag: repo.ListedTag): LocalAuthorization[] {
  // An idTag is a CiString20 in OCPP 1.6: a longer one cannot be sent, so no device can hold it either.
  if (tag.id_tag.length > MAX_ID_TAG_LENGTH) return [];
  if (tag.status === null) return [{ idTag: tag.id_tag }];
  const expiryDate = tag.expires_at ? new Date(tag.expires_at).toISOString() : undefined;
  return [{ idTag: tag.id_tag, idTagInfo: expiryDate ? { status: tag.status, expiryDate } : { status: tag.status } }];
}
