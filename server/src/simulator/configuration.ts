// The configuration keys a simulated device answers in GetConfiguration and lets the Central
// System change with ChangeConfiguration (OCPP 1.6 chapter 9, Core and Local Auth List profiles).
type Kind = 'integer' | 'boolean' | 'text';

interface Key { value: string; readonly: boolean; kind: Kind }

export interface ConfigurationKey { key: string; readonly: boolean; value: string }
export type ChangeStatus = 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported';

/** The limits the Central System reads before it sends a local list. */
export const LOCAL_AUTH_LIST_MAX_LENGTH = 100;
export const SEND_LOCAL_LIST_MAX_LENGTH = 50;

export class Configuration {
  private readonly keys = new Map<string, Key>();
  private readonly listeners: ((key: string, value: string) => void)[] = [];

  constructor(connectorCount: number, overrides: { heartbeatSeconds?: number; meterValueSampleSeconds?: number } = {}) {
    const rw = (value: string | number | boolean, kind: Kind): Key => ({ value: String(value), readonly: false, kind });
    const ro = (value: string | number | boolean, kind: Kind): Key => ({ value: String(value), readonly: true, kind });
    const phases = ['0.RST', ...Array.from({ length: connectorCount }, (_, i) => `${i + 1}.RST`)].join(',');
    const entries: Record<string, Key> = {
      AllowOfflineTxForUnknownId: rw(false, 'boolean'),
      AuthorizationCacheEnabled: rw(false, 'boolean'),
      AuthorizeRemoteTxRequests: rw(false, 'boolean'),
      ClockAlignedDataInterval: rw(0, 'integer'),
      ConnectionTimeOut: rw(60, 'integer'),
      ConnectorPhaseRotation: rw(phases, 'text'),
      GetConfigurationMaxKeys: ro(50, 'integer'),
      HeartbeatInterval: rw(overrides.heartbeatSeconds ?? 300, 'integer'),
      LocalAuthListEnabled: rw(true, 'boolean'),
      LocalAuthListMaxLength: ro(LOCAL_AUTH_LIST_MAX_LENGTH, 'integer'),
      LocalAuthorizeOffline: rw(true, 'boolean'),
      LocalPreAuthorize: rw(false, 'boolean'),
      MeterValuesAlignedData: rw('', 'text'),
      MeterValuesSampledData: rw('Energy.Active.Import.Register,Power.Active.Import', 'text'),
      MeterValueSampleInterval: rw(overrides.meterValueSampleSeconds ?? 60, 'integer'),
      NumberOfConnectors: ro(connectorCount, 'integer'),
      ReserveConnectorZeroSupported: ro(false, 'boolean'),
      ResetRetries: rw(1, 'integer'),
      SendLocalListMaxLength: ro(SEND_LOCAL_LIST_MAX_LENGTH, 'integer'),
      StopTransactionOnEVSideDisconnect: rw(true, 'boolean'),
      StopTransactionOnInvalidId: rw(true, 'boolean'),
      StopTxnAlignedData: rw('', 'text'),
      StopTxnSampledData: rw('', 'text'),
      SupportedFeatureProfiles: ro('Core,LocalAuthListManagement,RemoteTrigger,Reservation', 'text'),
      TransactionMessageAttempts: rw(3, 'integer'),
      TransactionMessageRetryInterval: rw(30, 'integer'),
      UnlockConnectorOnEVSideDisconnect: rw(true, 'boolean'),
      WebSocketPingInterval: rw(30, 'integer'),
    };
    for (const [name, key] of Object.entries(entries)) this.keys.set(name, key);
  }

  /** GetConfiguration: every key, or the ones asked for with the unknown ones listed apart. */
  get(requested?: string[]): { configurationKey: ConfigurationKey[]; unknownKey?: string[] } {
    const names = requested?.length ? requested : [...this.keys.keys()];
    const configurationKey: ConfigurationKey[] = [];
    const unknownKey: string[] = [];
    for (const name of names) {
      const key = this.keys.get(name);
      if (key) configurationKey.push({ key: name, readonly: key.readonly, value: key.value });
      else unknownKey.push(name);
    }
    return unknownKey.length ? { configurationKey, unknownKey } : { configurationKey };
  }

  /** ChangeConfiguration: NotSupported for an unknown key, Rejected for a read-only key or a bad value. */
  change(name: string, value: string): ChangeStatus {
    const key = this.keys.get(name);
    if (!key) return 'NotSupported';
    if (key.readonly) return 'Rejected';
    if (key.kind === 'integer' && !/^\d{1,9}$/.test(value)) return 'Rejected';
    if (key.kind === 'boolean' && !['true', 'false'].includes(value.toLowerCase())) return 'Rejected';
    key.value = key.kind === 'boolean' ? value.toLowerCase() : value;
    for (const listener of this.listeners) listener(name, key.value);
    return 'Accepted';
  }

  /** Sets a value the device itself learnt (the heartbeat interval from BootNotification). */
  set(name: string, value: string | number): void {
    const key = this.keys.get(name);
    if (key) key.value = String(value);
  }

  integer(name: string): number {
    return Number(this.keys.get(name)?.value ?? 0);
  }

  boolean(name: string): boolean {
    return this.keys.get(name)?.value === 'true';
  }

  onChange(listener: (key: string, value: string) => void): void {
    this.listeners.push(listener);
  }
}
