import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('portal')], { description: 'besides the notification centre: e-mail, SMS, or nothing more' });

export const RuleInput = Body({
  kind: Type.Union([Type.Literal('consumption'), Type.Literal('flow'), Type.Literal('missing_data'), Type.Literal('device_fault'), Type.Literal('temperature_high'), Type.Literal('temperature_low')]),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  /** consumption, flow, missing_data: the meter watched. */
  meterId: Type.Optional(Uuid),
  /** device_fault: the site whose appliances are watched. */
  siteId: Type.Optional(Uuid),
  /** consumption (per day) and flow (per hour): the limit, in the meter's unit, at least 0; temperature_high and temperature_low: the limit in °C the last temperature the meter sent must not pass. */
  threshold: Type.Optional(Type.Number({ minimum: -100, maximum: 1_000_000_000 })),
  /** missing_data: hours without a reading. */
  missingHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
  /** How you want to hear of it (you are subscribed as you create it). */
  channel: Channel,
});

/** An edit: what the rule's kind has; the kind and what it watches stay (a new rule for those). */
export const RuleUpdate = Body({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** consumption (per day) and flow (per hour), at least 0; temperature_high and temperature_low, in °C. */
  threshold: Type.Optional(Type.Number({ minimum: -100, maximum: 1_000_000_000 })),
  /** missing_data only. */
  missingHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
});

export const SubscriptionInput = Body({ channel: Channel });

export const RuleOut = Type.Object({
  id: Type.String(), kind: Type.String(), name: Type.String(), meterId: Type.Union([Type.String(), Type.Null()]), meterName: Type.Union([Type.String(), Type.Null()]),
  siteId: Type.Union([Type.String(), Type.Null()]), threshold: Type.Union([Type.Number(), Type.Null()]), unit: Type.Union([Type.String(), Type.Null()]),
  missingHours: Type.Union([Type.Integer(), Type.Null()]),
  subscription: Type.Union([Channel, Type.Null()], { description: 'your channel, or null when you are not subscribed' }),
  raisedSince: Type.Union([Type.String(), Type.Null()], { description: 'the open alarm\'s start, if the condition holds now' }),
  mayChange: Type.Boolean({ description: 'you may change and delete it: staff any rule, a resident their own' }),
});

export const AlarmOut = Type.Object({
  id: Type.String(), ruleId: Type.String(), ruleName: Type.String(), kind: Type.String(),
  ruleDeleted: Type.Boolean({ description: 'the rule was deleted since; its alarms stay' }),
  raisedAt: Type.String(), clearedAt: Type.Union([Type.String(), Type.Null()]),
  detail: Type.String({ description: 'what was seen, in your language' }),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
});

export const AlarmsQuery = Type.Object({ ruleId: Type.Optional(Uuid) }, { additionalProperties: false });
