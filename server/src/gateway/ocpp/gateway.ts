// The device gateway: OCPP 1.6J over WebSocket at /ocpp/{identity}, sharing the HTTP server
// of the API. Connection handling lives here; each OCPP action has its own handler file.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createRPCError, RPCServer, type IHandlersOption } from 'ocpp-rpc';
import type { Deps } from '../../deps.ts';
import { authenticateDevice, type DeviceSession } from './authenticate.ts';
import { bootNotification, type BootNotificationRequest } from './handlers/bootNotification.ts';
import { heartbeat } from './handlers/heartbeat.ts';

export const OCPP_PATH = '/ocpp/';
export const OCPP_PROTOCOLS = ['ocpp1.6'];

export interface Gateway {
  /** Disconnects every device and stops taking new connections. */
  close(): Promise<void>;
}

export function attachGateway(server: Server, deps: Deps): Gateway {
  const log = deps.log.child({ component: 'gateway' });
  const rpc = new RPCServer({ protocols: OCPP_PROTOCOLS, strictMode: true });

  rpc.auth(async (accept, reject, handshake) => {
    try {
      const result = await authenticateDevice(deps, { identity: handshake.identity, password: handshake.password, remoteAddress: handshake.remoteAddress });
      if (result.accepted) accept(result.session);
      else reject(result.status, result.status === 404 ? 'Unknown device' : 'Unauthorized');
    } catch (err) {
      log.error({ err, identity: handshake.identity }, 'device authentication failed');
      reject(500, 'Internal error');
    }
  });

  rpc.on('client', (client) => {
    const device = client.session as DeviceSession;
    // OCPP-J: a connection without an agreed subprotocol is completed, then closed at once.
    if (client.protocol !== 'ocpp1.6') {
      log.warn({ identity: device.identity, offered: [...client.handshake.protocols] }, 'device offered no supported OCPP version');
      void client.close({ code: 1002, reason: 'Unsupported subprotocol' });
      return;
    }
    log.info({ identity: device.identity, ip: client.handshake.remoteAddress }, 'device connected');
    client.on('close', ({ code }: { code: number }) => log.info({ identity: device.identity, code }, 'device disconnected'));
    client.on('strictValidationFailure', ({ error }: { error: Error }) => log.warn({ identity: device.identity, err: error }, 'ocpp message failed validation'));

    client.handle('BootNotification', async ({ params }: IHandlersOption) => bootNotification(deps, device, params as BootNotificationRequest));
    client.handle('Heartbeat', async () => heartbeat(deps));
    client.handle(async ({ method }: IHandlersOption) => {
      throw createRPCError('NotImplemented', `${method} is not supported yet`);
    });
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
    async close() {
      server.off('upgrade', onUpgrade);
      await rpc.close({ code: 1001, reason: 'Server shutting down' });
    },
  };
}
