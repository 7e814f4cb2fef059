// What the alarm endpoints take and return (server/src/modules/alarms/alarms.schemas.ts).

export const ALARM_KINDS = ['consumption', 'flow', 'temperature_low', 'temperature_high', 'missing_data', 'device_fault'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
export const CHANNELS = ['portal', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Kinds that watch a meter; a device fault watches a site's appliances (staff only). */
export const watchesMeter = (kind: AlarmKind) => kind !== 'device_fault';
/** Kinds with a limit in the meter's unit: per day (consumption) or per hour (flow). */
export const hasThreshold = (kind: AlarmKind) => kind !== 'missing_data' && kind !== 'device_fault';
/** A temperature's limit is in °C and may lie below zero. */
export const isTemperature = (kind: AlarmKind) => kind === 'temperature_low' || kind === 'temperature_high';

export interface AlarmRule {
  id: string;
  kind: AlarmKind;
  name: string;
  meterId: string | null;
  meterName: string | null;
  siteId: string | null;
  /** In the meter's unit: per day (consumption) or per hour (flow). */
  threshold: number | null;
  unit: string | null;
  missingHours: number | null;
  /** The reader's channel, or null when not subscribed. */
  subscription: Channel | null;
  /** The open alarm's start while the condition holds. */
  raisedSince: string | null;
  /** The reader may change and delete it: staff any rule, a resident their own. */
  mayChange: boolean;
}

export interface RuleInput {
  kind: AlarmKind;
  name: string;
  meterId?: string;
  siteId?: string;
  threshold?: number;
  missingHours?: number;
  channel: Channel;
}

/** An edit: the name and what the rule's kind has; what it watches stays. */
export interface RuleUpdate {
  name: string;
  threshold?: number;
  missingHours?: number;
}

export interface Alarm {
  id: string;
  ruleId: string;
  ruleName: string;
  /** The rule was deleted since; its alarms stay. */
  ruleDeleted: boolean;
  kind: AlarmKind;
  raisedAt: string;
  clearedAt: string | null;
  /** What was seen, already in the reader's language. */
  detail: string;
  acknowledgedAt: string | null;
}
