// What an OCPP 1.6 device receives when something goes wrong. Only OCPP 1.6's error codes go out:
// ocpp-rpc answers frames it cannot read (not JSON, no message id, an unknown message type, a
// message id already in use) with OCPP 2.0.1's RpcFrameworkError and MessageTypeNotSupported, which
// a 1.6 device does not know. A handler failing unexpectedly (a bug, the database) is logged with its
// stack and answered InternalError; its message, which may carry SQL, stays here.
import type { Logger } from 'pino';
import { createRPCError, type RPCClient } from 'ocpp-rpc';

const OCPP16_CODE: Record<string, string> = {
  // "Payload ... not conform the PDU structure": the closest 1.6 has for a frame that is no RPC message.
  RpcFrameworkError: 'FormationViolation',
  MessageTypeNotSupported: 'FormationViolation',
};

const MSG_CALLERROR = 4;

/** Rewrites a CALLERROR frame carrying a code OCPP 1.6 lacks; any other frame is returned as it is. */
export function inOcpp16(frame: string): string {
  if (!frame.startsWith(`[${MSG_CALLERROR},`)) return frame;
  const message = JSON.parse(frame) as unknown[];
  const code = OCPP16_CODE[message[2] as string];
  if (code === undefined) return frame;
  message[2] = code;
  return JSON.stringify(message);
}

/** Makes every frame this connection sends speak OCPP 1.6's error codes. */
export function speakOcpp16(client: Pick<RPCClient, 'sendRaw'>): void {
  const send = client.sendRaw.bind(client);
  client.sendRaw = (frame: string) => send(inOcpp16(frame));
}

/** Runs a handler; an error that is no OCPP answer becomes InternalError, logged with what the device sent. */
export async function answered<T>(log: Logger, action: string, params: unknown, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (err) {
    // An OCPP answer already (a CALLERROR the handler chose); ocpp-rpc does not export its error class at run time.
    if (typeof (err as { rpcErrorCode?: unknown }).rpcErrorCode === 'string') throw err;
    log.error({ err, action, params }, 'ocpp handler failed');
    throw createRPCError('InternalError', `${action} failed`);
  }
}
