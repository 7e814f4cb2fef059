// The lock gateway: smart locks speak a small JSON protocol over WebSocket at /locks/{serial}
// (docs/protocol.md "Lock protocol"), on the HTTP server of the API beside OCPP at /ocpp/.
// Upgrades are authenticated before the WebSocket handshake; whitelist changes reach the
// connected lock through the NOTIFY channel 'lock_whitelists' from whichever node made them.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Deps } from '../../deps.ts';
import { OCPP_PATH } from '../ocpp/gateway.ts';
import { authenticateLock, HardwareLookup } from './authenticate.ts';
import { CLOSE, LockConnection } from './connection.ts';
import { MAX_FRAME_BYTES } from './messages.ts';
import { SeenWriter } from './seen.ts';

export const LOCKS_PATH = '/locks/';

export interface LockGateway {
  /** Connected locks by lock id. */
  readonly connections: ReadonlyMap<string, LockConnection>;
  /** Writes the pending last-seen times now (tests, shutdown). */
  flush(): Promise<void>;
  /** Disconnects every lock and stops taking new connections. */
  close(): Promise<void>;
}

const STATUS_TEXT = { 401: 'Unauthorized', 404: 'Not Found', 500: 'Internal Server Error' } as const;

function refuse(socket: Duplex, status: keyof typeof STATUS_TEXT): void {
  const challenge = status === 401 ? 'WWW-Authenticate: Basic realm="Concierge locks"\r\n' : '';
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n${challenge}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Whether the OCPP gateway takes this path (its own rule: /ocpp/{identity}). */
const isOcppPath = (path: string) => path.startsWith(OCPP_PATH) && path.length > OCPP_PATH.length && !path.slice(OCPP_PATH.length).includes('/');

function pathSerial(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}

export function attachLockGateway(server: Server, deps: Deps): LockGateway {
  const log = deps.log.child({ component: 'lock-gateway' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const lookup = new HardwareLookup(deps.db);
  const seen = new SeenWriter(deps.db, log);
  const connections = new Map<string, LockConnection>();
  let closing = false;

  const stopListening = deps.notifications.subscribe('lock_whitelists', (payload) => {
    const [, lockId, version] = payload.split(':');
    const connection = lockId ? connections.get(lockId) : undefined;
    if (connection && connection.lock.tenantId === payload.split(':')[0]) connection.whitelistChanged(Number(version));
  });

  const accept = async (request: IncomingMessage, socket: Duplex, head: Buffer, serial: string) => {
    const result = await authenticateLock(lookup, request);
    if (closing) { refuse(socket, 404); return; }
    // The serial in the path and the one that authenticated must agree.
    if (!result.ok || result.lock.serial !== serial) { refuse(socket, result.ok ? 401 : result.status); return; }
    const lock = result.lock;
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new LockConnection(lock, ws, deps, seen);
      const previous = connections.get(lock.lockId);
      connections.set(lock.lockId, connection);
      if (previous) previous.close(CLOSE.replaced, 'Replaced by a new connection');
      ws.on('message', (data, isBinary) => {
        if (isBinary) connection.send({ type: 'error', code: 'protocol.bad_json', field: '', message: 'Frames are JSON text' });
        else connection.receive(data.toString('utf8'));
      });
      ws.on('close', (code) => {
        if (connections.get(lock.lockId) === connection) connections.delete(lock.lockId);
        log.debug({ serial: lock.serial, code }, 'lock disconnected');
      });
      ws.on('error', (err) => log.debug({ err, serial: lock.serial }, 'lock socket error'));
      connection.welcome();
      log.debug({ serial: lock.serial }, 'lock connected');
    });
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const serial = path.startsWith(LOCKS_PATH) ? pathSerial(path.slice(LOCKS_PATH.length)) : '';
    if (serial && !serial.includes('/')) {
      accept(request, socket, head, serial).catch((err) => {
        log.error({ err, serial }, 'lock authentication failed');
        refuse(socket, 500);
      });
    } else if (!isOcppPath(path) || server.listenerCount('upgrade') === 1) {
      // The OCPP gateway answers 404 only while it is the only upgrade listener; with us beside
      // it, a path neither of us takes is answered here (and an OCPP path when OCPP is absent).
      refuse(socket, 404);
    }
  };
  server.on('upgrade', onUpgrade);

  return {
    connections,
    flush: () => seen.flush(),
    async close() {
      closing = true;
      server.off('upgrade', onUpgrade);
      stopListening();
      for (const connection of connections.values()) connection.close(CLOSE.shuttingDown, 'Server shutting down');
      // A lock that does not answer the closing handshake is cut off rather than waited for.
      const cutOff = setTimeout(() => { for (const ws of wss.clients) ws.terminate(); }, 1_000);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(cutOff);
      await seen.flush();
    },
  };
}
