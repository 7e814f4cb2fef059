// The baseline: a bare ocpp-rpc server in strict mode (the same OCPP 1.6 validator as the
// gateway) that accepts every device and answers every call at once with a constant valid
// answer. What it costs is the floor of any OCPP server in Node: WebSocket, JSON, validation.
import type { AddressInfo } from 'node:net';
import { RPCServer } from 'ocpp-rpc';
import { ocpp16Validator } from '../../server/src/gateway/ocpp/validation.ts';

export interface BareServer {
  url: string;
  connections(): number;
  close(): Promise<void>;
}

const ACCEPTED = { idTagInfo: { status: 'Accepted' } };
const VENDOR_ANSWER = { status: 'Accepted', data: JSON.stringify({ balance: 100_000, currency: 'EUR', label: null }) };

export async function startBareServer(): Promise<BareServer> {
  const rpc = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true, strictModeValidators: [ocpp16Validator] });
  let open = 0;
  let transactionId = 1;
  rpc.on('client', (client) => {
    open++;
    client.on('close', () => { open--; });
    client.handle('BootNotification', () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }));
    client.handle('Authorize', () => ACCEPTED);
    client.handle('DataTransfer', () => VENDOR_ANSWER);
    client.handle('StartTransaction', () => ({ transactionId: transactionId++, idTagInfo: { status: 'Accepted' } }));
    client.handle('MeterValues', () => ({}));
    client.handle('StopTransaction', () => ACCEPTED);
  });
  const http = await rpc.listen(0, '127.0.0.1');
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ocpp`,
    connections: () => open,
    close: () => rpc.close({ code: 1001, force: true }),
  };
}
