import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('portal')], { description: 'besides the notification centre: e-mail, SMS, or nothing more' });

export const RuleInput = Body({
  kind: Type.Union([Type.Literal('consumption'), Type.Literal('flow'), Type.Literal('missing_data'), Type.Literal('device_fault')]),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  /** consumption, flow, missing_data: the meter watched. */
  meterId: Type.Optional(Uuid),
  /** device_fault: the site whose appliances are watched. */
  siteId: Type.Optional(Uuid),
  /** consumption (per day) and flow (per hour): the limit, in the meter's unit. */
  threshold: Type.Optional(Type.Number({ minimum: 0 })),
  /** missing_data: hours without a reading. */
  missingHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
  /** How you want to hear of it (you are subscribed as you create it). */
  channel: Channel,
});

export const SubscriptionInput = Body({ channel: Channel });

export const RuleOut = Type.Object({
  id: Type.String(), kind: Type.String(), name: Type.String(), meterId: Type.Union([Type.String(), Type.Null()]), meterName: Type.Union([Type.String(), Type.Null()]),
  siteId: Type.Union([Type.String(), Type.Null()]), threshold: Type.Union([Type.Number(), Type.Null()]), unit: Type.Union([Type.String(), Type.Null()]),
  missingHours: Type.Union([Type.Integer(), Type.Null()]),
  subscription: Type.Union([Channel, Type.Null()], { description: 'your channel, or null when you are not subscribed' }),
  raisedSince: Type.Union([Type.String(), Type.Null()], { description: 'the open alarm\'s start, if the condition holds now' }),
});

export const AlarmOut = Type.Object({
  id: Type.String(), ruleId: Type.String(), ruleName: Type.String(), kind: Type.String(),
  raisedAt: Type.String(), clearedAt: Type.Union([Type.String(), Type.Null()]),
  detail: Type.String({ description: 'what was seen, in your language' }),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
});

export const AlarmsQuery = Type.Object({ ruleId: Type.Optional(Uuid) }, { additionalProperties: false });
