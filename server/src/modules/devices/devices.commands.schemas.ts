// What staff may ask a device, with OCPP 1.6's field names and limits. The body is one object
// (action + payload) whose payload must match its action: the variants are checked together as an
// anyOf, so a Reset with a connectorId or a GetConfiguration key of 51 characters is refused
// before anything is sent.
import { Type, type Static, type TProperties } from 'typebox';
import { Body } from '../../http/types.ts';

const CiString = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const ConnectorId = Type.Integer({ minimum: 1, maximum: 99 });

function variant<A extends string, P extends TProperties>(action: A, payload: P) {
  return Body({ action: Type.Literal(action), payload: Body(payload) });
}

export const TRIGGERABLE = ['BootNotification', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'Heartbeat', 'MeterValues', 'StatusNotification'] as const;

export const DeviceCommandVariants = Type.Union([
  variant('Reset', { type: Type.Union([Type.Literal('Soft'), Type.Literal('Hard')]) }),
  // connectorId 0 is the whole device.
  variant('ChangeAvailability', { connectorId: Type.Integer({ minimum: 0, maximum: 99 }), type: Type.Union([Type.Literal('Inoperative'), Type.Literal('Operative')]) }),
  variant('UnlockConnector', { connectorId: ConnectorId }),
  variant('GetConfiguration', { key: Type.Optional(Type.Array(CiString(50), { maxItems: 100 })) }),
  variant('ChangeConfiguration', { key: CiString(50), value: Type.String({ maxLength: 500 }) }),
  variant('TriggerMessage', {
    requestedMessage: Type.Union(TRIGGERABLE.map((m) => Type.Literal(m))),
    connectorId: Type.Optional(ConnectorId),
  }),
  variant('ClearCache', {}),
]);

export type DeviceCommand = Static<typeof DeviceCommandVariants>;
export const COMMAND_ACTIONS = ['Reset', 'ChangeAvailability', 'UnlockConnector', 'GetConfiguration', 'ChangeConfiguration', 'TriggerMessage', 'ClearCache'] as const;

// Named properties for the API description (and the isolation test's body discovery); the anyOf does the checking.
export const DeviceCommandBody = Type.Object({
  action: Type.Union(COMMAND_ACTIONS.map((a) => Type.Literal(a))),
  payload: Type.Object({}, { description: 'the OCPP request of the action' }),
}, { additionalProperties: false, anyOf: DeviceCommandVariants.anyOf });

export const CommandAnswer = Type.Object({
  status: Type.Union([Type.Literal('answered'), Type.Literal('offline'), Type.Literal('failed')]),
  result: Type.Optional(Type.Unknown()),
  error: Type.Optional(Type.String()),
});

export const CommandOut = Type.Object({
  id: Type.String(),
  action: Type.String(),
  payload: Type.Unknown(),
  status: Type.Union([Type.Literal('sent'), Type.Literal('answered'), Type.Literal('failed'), Type.Literal('offline')]),
  result: Type.Unknown(),
  error: Type.Union([Type.String(), Type.Null()]),
  requestedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
});
