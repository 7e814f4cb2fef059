// The local authorisation list a device keeps for when it is offline (OCPP 1.6 section 3.5.3):
// replaced by a Full update, amended by a Differential one (an entry without idTagInfo removes
// its tag), versioned by the Central System.
export type AuthorizationStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';
export interface IdTagInfo { status: AuthorizationStatus; expiryDate?: string; parentIdTag?: string }
export interface SendLocalListRequest {
  listVersion: number;
  updateType: 'Full' | 'Differential';
  localAuthorizationList?: { idTag: string; idTagInfo?: IdTagInfo }[];
}
export type SendLocalListStatus = 'Accepted' | 'Failed' | 'NotSupported' | 'VersionMismatch';

export interface LocalListLimits {
  enabled: boolean;
  /** How many tags the list may hold (LocalAuthListMaxLength). */
  maxLength: number;
  /** How many entries one SendLocalList may carry (SendLocalListMaxLength). */
  maxPerMessage: number;
}

export class LocalAuthList {
  private entries = new Map<string, IdTagInfo>();
  version = 0;

  apply(request: SendLocalListRequest, limits: LocalListLimits): SendLocalListStatus {
    if (!limits.enabled) return 'NotSupported';
    const changes = request.localAuthorizationList ?? [];
    if (changes.length > limits.maxPerMessage) return 'Failed';
    // A list too long for one message arrives as a Full update followed by Differential ones
    // carrying the same version, so only an older version is a mismatch.
    if (request.updateType === 'Differential' && request.listVersion < this.version) return 'VersionMismatch';
    const next = request.updateType === 'Full' ? new Map<string, IdTagInfo>() : new Map(this.entries);
    for (const { idTag, idTagInfo } of changes) {
      if (idTagInfo) next.set(idTag, idTagInfo);
      else next.delete(idTag);
    }
    if (next.size > limits.maxLength) return 'Failed';
    this.entries = next;
    this.version = request.listVersion;
    return 'Accepted';
  }

  /** Whether the tag may start while the device is offline: listed as Accepted and not expired. */
  allowsOffline(idTag: string, now: Date): boolean {
    const info = this.entries.get(idTag);
    if (!info || info.status !== 'Accepted') return false;
    return !info.expiryDate || new Date(info.expiryDate).getTime() > now.getTime();
  }

  lookup(idTag: string): IdTagInfo | undefined {
    return this.entries.get(idTag);
  }

  get size(): number {
    return this.entries.size;
  }
}
