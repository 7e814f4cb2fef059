// Which credentials run a session, and where: a tag busy on one device is answered ConcurrentTx
// on another. The gateway calls beginUse when a session starts and endUse when it stops.
// In memory and per process, so it only sees the sessions of devices connected to this process:
// the next issue replaces it with the sessions table, which every process shares.
export class InUseRegistry {
  private readonly sessions = new Map<string, { deviceId: string; count: number }>();

  /** Several sessions of one credential on the same device (a laundry terminal with several machines) are fine. */
  beginUse(credentialId: string, deviceId: string): void {
    const current = this.sessions.get(credentialId);
    if (current && current.deviceId === deviceId) current.count++;
    else this.sessions.set(credentialId, { deviceId, count: 1 });
  }

  endUse(credentialId: string, deviceId: string): void {
    const current = this.sessions.get(credentialId);
    if (!current || current.deviceId !== deviceId) return;
    if (--current.count <= 0) this.sessions.delete(credentialId);
  }

  /** The device where the credential is busy, if it is. */
  deviceOf(credentialId: string): string | undefined {
    return this.sessions.get(credentialId)?.deviceId;
  }
}
