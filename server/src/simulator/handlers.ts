// What a simulated device answers to the Central System's requests (OCPP 1.6 chapter 5).
// Answers go out first; what a request sets in motion (a start, a stop, a reboot, a triggered
// message) runs right after through device.later(), as a real charge point does it.
import { createRPCError, type IHandlersOption, type RPCClient } from 'ocpp-rpc';
import { VENDOR_ID } from '../gateway/ocpp/vendor.ts';
import type { SimulatedDevice } from './device.ts';
import type { SendLocalListRequest } from './local-list.ts';

type Params = Record<string, any>;

export function answerCentralSystem(device: SimulatedDevice, client: RPCClient): void {
  const on = (action: string, answer: (params: Params) => Promise<Record<string, unknown>> | Record<string, unknown>) => {
    client.handle(action, async ({ params }: IHandlersOption) => {
      const result = await answer(params ?? {});
      device.log(`⇐ ${action} ${JSON.stringify(params ?? {})} answered ${JSON.stringify(result)}`);
      return result;
    });
  };

  on('RemoteStartTransaction', ({ connectorId, idTag }) => {
    const chosen = device.acceptRemoteStart(connectorId, idTag);
    return { status: chosen === undefined ? 'Rejected' : 'Accepted' };
  });

  on('RemoteStopTransaction', ({ transactionId }) => {
    const connector = [...device.connectors.values()].find((c) => c.transaction?.id === transactionId);
    if (!connector) return { status: 'Rejected' };
    device.later(() => device.stopTransaction(connector.id, 'Remote'));
    return { status: 'Accepted' };
  });

  on('UnlockConnector', async ({ connectorId }) => ({ status: device.connectors.has(connectorId) ? await device.unlock(connectorId) : 'UnlockFailed' }));

  on('Reset', ({ type }) => {
    device.later(() => device.reboot(type));
    return { status: 'Accepted' };
  });

  on('ChangeAvailability', ({ connectorId, type }) => {
    if (!device.knows(connectorId)) return { status: 'Rejected' };
    const operative = type === 'Operative';
    const targets = connectorId === 0 ? [...device.connectors.values()] : [device.connector(connectorId)];
    let scheduled = false;
    for (const connector of targets) {
      if (!operative && connector.transaction) {
        connector.inoperativeAfterTransaction = true;
        scheduled = true;
        continue;
      }
      connector.inoperativeAfterTransaction = false;
      if (connector.operative === operative) continue;
      connector.operative = operative;
      device.later(() => device.setStatus(connector.id, operative ? (connector.reservation ? 'Reserved' : 'Available') : 'Unavailable'));
    }
    return { status: scheduled ? 'Scheduled' : 'Accepted' };
  });

  on('GetConfiguration', ({ key }) => device.configuration.get(key));

  on('ChangeConfiguration', ({ key, value }) => {
    const status = device.configuration.change(key, value);
    if (status === 'Accepted' && key === 'HeartbeatInterval') device.scheduleHeartbeat();
    return { status };
  });

  on('ClearCache', () => ({ status: 'Accepted' })); // no authorisation cache is kept (AuthorizationCacheEnabled false)

  on('SendLocalList', (params) => {
    const status = device.localList.apply(params as SendLocalListRequest, device.localListLimits());
    if (status === 'Accepted') device.log(`local list now version ${device.localList.version} with ${device.localList.size} tag(s)`);
    return { status };
  });

  on('GetLocalListVersion', () => ({ listVersion: device.localListLimits().enabled ? device.localList.version : -1 }));

  on('ReserveNow', ({ connectorId, expiryDate, idTag, reservationId }) => {
    // ReserveConnectorZeroSupported is false.
    if (connectorId === 0 || !device.connectors.has(connectorId)) return { status: 'Rejected' };
    const connector = device.connector(connectorId);
    if (connector.status === 'Faulted') return { status: 'Faulted' };
    if (!connector.operative) return { status: 'Unavailable' };
    const replacing = connector.reservation?.reservationId === reservationId;
    if (connector.transaction || (connector.reservation && !replacing)) return { status: 'Occupied' };
    // A reservation id held by another connector moves here.
    for (const other of device.connectors.values()) {
      if (other !== connector && other.reservation?.reservationId === reservationId) {
        other.reservation = undefined;
        device.cancel(`reservation:${other.id}`);
        device.later(() => device.setStatus(other.id, 'Available'));
      }
    }
    const expiresAt = new Date(expiryDate);
    connector.reservation = { reservationId, idTag, expiresAt };
    device.schedule(`reservation:${connectorId}`, Math.max(0, expiresAt.getTime() - device.clock.now().getTime()), async () => {
      if (connector.reservation?.reservationId !== reservationId) return;
      connector.reservation = undefined;
      device.log(`reservation ${reservationId} expired`);
      if (!connector.transaction) await device.setStatus(connectorId, 'Available');
    });
    device.later(() => device.setStatus(connectorId, 'Reserved'));
    return { status: 'Accepted' };
  });

  on('CancelReservation', ({ reservationId }) => {
    const connector = [...device.connectors.values()].find((c) => c.reservation?.reservationId === reservationId);
    if (!connector) return { status: 'Rejected' };
    connector.reservation = undefined;
    device.cancel(`reservation:${connector.id}`);
    if (!connector.transaction) device.later(() => device.setStatus(connector.id, connector.operative ? 'Available' : 'Unavailable'));
    return { status: 'Accepted' };
  });

  on('TriggerMessage', ({ requestedMessage, connectorId }) => {
    if (!device.knows(connectorId)) return { status: 'Rejected' };
    const connectors = connectorId ? [device.connector(connectorId)] : [...device.connectors.values()];
    switch (requestedMessage) {
      case 'BootNotification': device.later(() => device.sendBootNotification()); break;
      case 'Heartbeat': device.later(() => device.call('Heartbeat', {})); break;
      case 'StatusNotification':
        device.later(async () => {
          if (!connectorId) await device.setStatus(0, 'Available');
          for (const c of connectors) await device.setStatus(c.id, c.status, c.errorCode);
        });
        break;
      case 'MeterValues':
        device.later(async () => { for (const c of connectors) await device.sendMeterValues(c, 'Trigger'); });
        break;
      case 'DiagnosticsStatusNotification': device.later(() => device.call('DiagnosticsStatusNotification', { status: 'Idle' })); break;
      case 'FirmwareStatusNotification': device.later(() => device.call('FirmwareStatusNotification', { status: 'Idle' })); break;
      default: return { status: 'NotImplemented' };
    }
    return { status: 'Accepted' };
  });

  on('DataTransfer', ({ vendorId }) => ({ status: vendorId === VENDOR_ID ? 'UnknownMessageId' : 'UnknownVendorId' }));

  // Firmware, diagnostics and smart charging are not simulated.
  client.handle(async ({ method }: IHandlersOption) => {
    throw createRPCError('NotSupported', `${method} is not supported by the simulator`);
  });
}
