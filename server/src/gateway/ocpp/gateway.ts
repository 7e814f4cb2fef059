// The device gateway: OCPP 1.6J over WebSocket at /ocpp/{identity}, sharing the HTTP server
// of the API. Connection handling lives here; each OCPP action has its handler in handlers/.
// ocpp-rpc in strict mode validates every message against the OCPP 1.6 schemas (with the
// errata's spellings) and answers a bad one with the matching CALLERROR before a handler runs.
import { hostname } from 'node:os';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createRPCError, RPCServer, type IHandlersOption } from 'ocpp-rpc';
import type { Deps } from '../../deps.ts';
import { createMeterRecorder } from '../../modules/sessions/sessions.meter.ts';
import { deviceConnected, deviceDisconnected, releaseDevicesOf, type ConnectedDevice } from '../../modules/devices/devices.link.ts';
import { executeCommandsFor } from '../commands.ts';
import { authenticateDevice, VerifiedPasswords } from './authenticate.ts';
import { DeviceConnection } from './connection.ts';
import { answered, speakOcpp16 } from './frames.ts';
import { keepListsInStep } from './localList.ts';
import { CallThrottle, DEVICE_CALL_LIMITS } from './throttle.ts';
import { ocpp16Validator } from './validation.ts';
import { authorize } from './handlers/authorize.ts';
import { bootNotification, type BootNotificationRequest } from './handlers/boot.ts';
import { dataTransfer, type DataTransferRequest } from './handlers/dataTransfer.ts';
import { heartbeat } from './handlers/heartbeat.ts';
import { diagnosticsStatusNotification, firmwareStatusNotification, statusNotification, type StatusNotificationRequest } from './handlers/status.ts';
import { meterValues, startTransaction, stopTransaction, type StartTransactionRequest, type StopTransactionRequest } from './handlers/transactions.ts';

export const OCPP_PATH = '/ocpp/';
export const OCPP_PROTOCOLS = ['ocpp1.6'];

export interface Gateway {
  /** This process's name in devices.connected_node. */
  readonly node: string;
  /** The devices connected to this process, by device id. */
  readonly connections: ReadonlyMap<string, DeviceConnection>;
  /** Disconnects every device and stops taking new connections. */
  close(): Promise<void>;
}

type Handler = (deps: Deps, connection: DeviceConnection, params: never) => Promise<unknown>;

/** OCPP 1.6 actions a Charge Point sends, and who answers them. */
const HANDLERS: Record<string, Handler> = {
  BootNotification: (deps, c, p: BootNotificationRequest) => bootNotification(deps, c, p),
  Heartbeat: (deps, c) => heartbeat(deps, c),
  StatusNotification: (deps, c, p: StatusNotificationRequest) => statusNotification(deps, c, p),
  Authorize: (deps, c, p: { idTag: string }) => authorize(deps, c, p),
  StartTransaction: (deps, c, p: StartTransactionRequest) => startTransaction(deps, c, p),
  StopTransaction: (deps, c, p: StopTransactionRequest) => stopTransaction(deps, c, p),
  MeterValues: (deps, c, p: Parameters<typeof meterValues>[2]) => meterValues(deps, c, p),
  DataTransfer: (deps, c, p: DataTransferRequest) => dataTransfer(deps, c, p),
  FirmwareStatusNotification: (deps, c, p: { status: string }) => firmwareStatusNotification(deps, c, p),
  DiagnosticsStatusNotification: (deps, c, p: { status: string }) => diagnosticsStatusNotification(deps, c, p),
};

export function attachGateway(server: Server, deps: Deps, options: { node?: string } = {}): Gateway {
  const log = deps.log.child({ component: 'gateway' });
  const node = options.node ?? `${hostname()}:${process.pid}`;
  const rpc = new RPCServer({ protocols: OCPP_PROTOCOLS, strictMode: true, strictModeValidators: [ocpp16Validator],
    // OCPP messages from a device are small; a bigger frame is refused before it is buffered.
    wssOptions: { maxPayload: 1024 * 1024 } });
  const verified = new VerifiedPasswords();
  const connections = new Map<string, DeviceConnection>();
  const meters = createMeterRecorder(deps);
  const stopExecuting = executeCommandsFor(deps, node, connections);
  const stopListing = keepListsInStep(deps, connections);
  const released = releaseDevicesOf(deps, node).catch((err) => log.warn({ err }, 'could not release the devices of an earlier run'));

  rpc.auth(async (accept, reject, handshake) => {
    try {
      const result = await authenticateDevice(deps, { identity: handshake.identity, password: handshake.password }, verified);
      if (result.accepted) accept(result.device);
      else reject(result.status, result.status === 404 ? 'Unknown device' : 'Unauthorized');
    } catch (err) {
      log.error({ err, identity: handshake.identity }, 'device authentication failed');
      reject(500, 'Internal error');
    }
  });

  rpc.on('client', (client) => {
    const device = client.session as ConnectedDevice;
    // OCPP-J: a connection without an agreed subprotocol is completed, then closed at once.
    if (client.protocol !== 'ocpp1.6') {
      log.warn({ identity: device.identity, offered: [...client.handshake.protocols] }, 'device offered no supported OCPP version');
      void client.close({ code: 1002, reason: 'Unsupported subprotocol' });
      return;
    }
    const connection = new DeviceConnection(device, client, deps, meters);
    const connectedAt = deps.clock.now();
    // A device reconnecting before its old socket closed: the new connection is the one to use.
    const previous = connections.get(device.deviceId);
    connections.set(device.deviceId, connection);
    if (previous) void previous.close();
    connection.close = async () => { await client.close({ code: 1000, reason: 'Replaced by a new connection', force: true }); };
    void released.then(() => deviceConnected(deps, device, node, connectedAt)).catch((err) => log.warn({ err, identity: device.identity }, 'connection not recorded'));
    // A device that reconnects without booting again may hold a list from before it was away.
    if (device.registration === 'accepted') connection.syncList();
    log.info({ identity: device.identity, ip: client.handshake.remoteAddress }, 'device connected');

    client.on('close', ({ code }: { code: number }) => {
      log.info({ identity: device.identity, code }, 'device disconnected');
      if (connections.get(device.deviceId) === connection) connections.delete(device.deviceId);
      void deviceDisconnected(deps, device, node, connectedAt).catch((err) => log.warn({ err, identity: device.identity }, 'disconnection not recorded'));
    });
    client.on('strictValidationFailure', ({ error }: { error: Error }) => log.debug({ identity: device.identity, err: error }, 'ocpp message failed validation'));

    speakOcpp16(client);
    // Every call waits its turn in this connection's throttle, so a flooding device slows only itself.
    const throttle = new CallThrottle(DEVICE_CALL_LIMITS);
    for (const [action, handler] of Object.entries(HANDLERS)) {
      client.handle(action, async ({ params, signal }: IHandlersOption) => throttle.run(() => answered(log, action, params, () => handler(deps, connection, params as never)), signal));
    }
    client.handle(async ({ method, signal }: IHandlersOption) => throttle.run(async () => {
      throw createRPCError('NotImplemented', `${method} is not supported`);
    }, signal));
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const identity = path.startsWith(OCPP_PATH) ? path.slice(OCPP_PATH.length) : '';
    if (identity && !identity.includes('/')) {
      void rpc.handleUpgrade(request, socket as Socket, head); // http hands every upgrade a net.Socket
    } else if (server.listenerCount('upgrade') === 1) {
      // Nobody else takes WebSocket upgrades: answer instead of leaving the socket hanging.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
  server.on('upgrade', onUpgrade);

  return {
    node,
    connections,
    async close() {
      server.off('upgrade', onUpgrade);
      stopExecuting();
      stopListing();
      await rpc.close({ code: 1001, reason: 'Server shutting down' });
      await releaseDevicesOf(deps, node).catch(() => {});
    },
  };
}
