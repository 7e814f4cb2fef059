// Devices as the API presents them, and what each kind of device may carry.
export type DeviceKind = 'laundry_terminal' | 'charger';
export type ApplianceKind = 'washer' | 'dryer' | 'ironer' | 'ev_connector';
export type Metering = 'energy' | 'time' | 'impulse';
export type Registration = 'pending' | 'accepted' | 'rejected';
export type LiveStatus = 'free' | 'busy' | 'fault' | 'offline' | 'unavailable';

export const STATUS_COLOR: Record<LiveStatus, string> = { free: 'green', busy: 'blue', fault: 'red', offline: 'gray', unavailable: 'orange' };
export const REGISTRATION_COLOR: Record<Registration, string> = { pending: 'yellow', accepted: 'green', rejected: 'red' };

export const DEVICE_KINDS: DeviceKind[] = ['laundry_terminal', 'charger'];
export const APPLIANCE_KINDS: Record<DeviceKind, ApplianceKind[]> = { laundry_terminal: ['washer', 'dryer', 'ironer'], charger: ['ev_connector'] };
export const METERINGS: Record<DeviceKind, Metering[]> = { laundry_terminal: ['energy', 'time', 'impulse'], charger: ['energy', 'time'] };
/** The rooms a device may sit in, as the server checks them. */
export const ROOM_KINDS: Record<DeviceKind, string[]> = { laundry_terminal: ['laundry_room'], charger: ['garage', 'parking_space'] };

export interface Appliance {
  id: string;
  deviceId: string;
  connectorId: number;
  kind: ApplianceKind;
  metering: Metering;
  name: string;
  status: LiveStatus;
  ocppStatus: string | null;
  errorCode: string | null;
  vendorErrorCode: string | null;
  statusInfo: string | null;
  statusAt: string | null;
  running: boolean;
}

export interface Device {
  id: string;
  identity: string;
  kind: DeviceKind;
  siteId: string;
  siteName: string;
  unitId: string | null;
  unitLabel: string | null;
  name: string;
  registration: Registration;
  hasPassword: boolean;
  vendor: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  iccid: string | null;
  imsi: string | null;
  meterType: string | null;
  meterSerialNumber: string | null;
  firmwareStatus: string | null;
  diagnosticsStatus: string | null;
  idleEndMinutes: number;
  impulseEndMinutes: number;
  heartbeatSeconds: number;
  lastBootAt: string | null;
  lastSeenAt: string | null;
  connected: boolean;
  connectedAt: string | null;
  createdAt: string;
  appliances: Appliance[];
}

export interface CommandRecord {
  id: string;
  action: string;
  payload: unknown;
  status: 'sent' | 'answered' | 'failed' | 'offline';
  result: unknown;
  error: string | null;
  requestedBy: string | null;
  createdAt: string;
  answeredAt: string | null;
}

export type CommandAnswer = { status: 'answered'; result: unknown } | { status: 'offline' } | { status: 'failed'; error: string };

export interface DeviceSettings { faultAction: 'none' | 'notify_staff'; chargingMinBalanceMinor: number; chargingHoldStepMinor: number }
