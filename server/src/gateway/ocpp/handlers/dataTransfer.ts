// DataTransfer: our vendor messages (vendor.ts, docs/protocol.md). Another vendor's id or an
// unknown message id is answered as OCPP says (UnknownVendorId, UnknownMessageId); a request
// whose data fails its schema gets a CALLERROR like any OCPP message; a refusal is Rejected with
// the reason the terminal shows.
import { inTenant } from '../../../db/scope.ts';
import type { Deps } from '../../../deps.ts';
import { authorize } from '../../../modules/authorization/authorization.usecases.ts';
import { transferId } from '../../../modules/ledger/ledger.usecases.ts';
import { walletOf } from '../../../modules/ledger/ledger.usecases.ts';
import { creditFromTerminalCard } from '../../../modules/payments/payments.terminal.usecases.ts';
import { purposeOf } from '../../../modules/sessions/sessions.rules.ts';
import { currentPrice, preselect, REFUSAL_OF } from '../../../modules/sessions/sessions.start.ts';
import { transferBetweenResidents } from '../../../modules/wallets/wallets.usecases.ts';
import type { DeviceConnection } from '../connection.ts';
import {
  isVendorMessageId, parseVendorRequest, VENDOR_ID, type BalanceTransferRequest, type CardTopUpRequest, type GetBalanceRequest,
  type GetTariffRequest, type PreselectRequest, type RefusalCode,
} from '../vendor.ts';

export interface DataTransferRequest { vendorId: string; messageId?: string; data?: string }
type DataTransferResponse = { status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId'; data?: string };

const accepted = (data: object): DataTransferResponse => ({ status: 'Accepted', data: JSON.stringify(data) });
const rejected = (reason: RefusalCode): DataTransferResponse => ({ status: 'Rejected', data: JSON.stringify({ reason }) });

export async function dataTransfer(deps: Deps, connection: DeviceConnection, params: DataTransferRequest): Promise<DataTransferResponse> {
  if (params.vendorId !== VENDOR_ID) return { status: 'UnknownVendorId' };
  if (!isVendorMessageId(params.messageId)) return { status: 'UnknownMessageId' };
  const messageId = params.messageId;
  const { device } = connection;
  switch (messageId) {
    case 'GetBalance': {
      const request = parseVendorRequest<GetBalanceRequest>(messageId, params.data);
      if (device.registration !== 'accepted') return rejected('not_allowed');
      const auth = await authorize(deps, { tenantId: device.tenantId, deviceId: device.identity, purpose: purposeOf(device), idTag: request.idTag });
      if (auth.status !== 'Accepted' && auth.reason !== 'in_use') return rejected(REFUSAL_OF[auth.reason ?? 'unknown']);
      return accepted({ balance: auth.balanceMinor ?? 0, currency: auth.currency, label: null });
    }
    case 'GetTariff': {
      const request = parseVendorRequest<GetTariffRequest>(messageId, params.data);
      const price = await currentPrice(deps, device, request.connectorId);
      return price ? accepted(price) : rejected('not_found');
    }
    case 'Preselect': {
      const request = parseVendorRequest<PreselectRequest>(messageId, params.data);
      if (device.registration !== 'accepted') return rejected('not_allowed');
      const result = await preselect(deps, device, { ...request, origin: 'device' });
      return result.accepted ? accepted(result.answer) : rejected(result.reason);
    }
    case 'BalanceTransfer':
      return balanceTransfer(deps, connection, parseVendorRequest<BalanceTransferRequest>(messageId, params.data));
    case 'CardTopUp':
      return cardTopUp(deps, connection, parseVendorRequest<CardTopUpRequest>(messageId, params.data));
  }
}

/** Saldotransfer: both badges are at the terminal; the sender's tag must be in good standing. */
async function balanceTransfer(deps: Deps, { device }: DeviceConnection, request: BalanceTransferRequest): Promise<DataTransferResponse> {
  if (device.registration !== 'accepted') return rejected('not_allowed');
  const purpose = purposeOf(device);
  const from = await authorize(deps, { tenantId: device.tenantId, deviceId: device.identity, purpose, idTag: request.fromIdTag });
  if (from.status !== 'Accepted' && from.reason !== 'in_use') return rejected(REFUSAL_OF[from.reason ?? 'unknown']);
  const to = await authorize(deps, { tenantId: device.tenantId, deviceId: device.identity, purpose, idTag: request.toIdTag }, { register: false });
  if (to.personId === null) return rejected('not_found');
  if (to.personId === from.personId) return rejected('not_allowed');
  try {
    return await inTenant(deps.db, device.tenantId, async (tx) => {
      const id = transferId('terminal-transfer', `${device.identity}:${request.transferId}`);
      await transferBetweenResidents(tx, device.tenantId, { id, fromPersonId: from.personId!, toPersonId: to.personId!, amountMinor: request.amount }, deps.clock.now());
      const [sender, receiver] = [await walletOf(tx, device.tenantId, from.personId!), await walletOf(tx, device.tenantId, to.personId!)];
      return accepted({ fromBalance: sender.available, toBalance: receiver.available, currency: sender.currency });
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ledger.insufficient_funds') return rejected('balance_too_low');
    if (code === 'ledger.id_reused') return rejected('not_allowed');
    throw error;
  }
}

/** An NFC bank card paid at the terminal: credited once under the terminal's payment id. */
async function cardTopUp(deps: Deps, { device }: DeviceConnection, request: CardTopUpRequest): Promise<DataTransferResponse> {
  if (device.registration !== 'accepted') return rejected('not_allowed');
  const auth = await authorize(deps, { tenantId: device.tenantId, deviceId: device.identity, purpose: purposeOf(device), idTag: request.idTag }, { register: false });
  if (auth.personId === null) return rejected('not_found');
  if (auth.currency !== request.currency) return rejected('not_allowed');
  try {
    await creditFromTerminalCard(deps, { tenantId: device.tenantId, personId: auth.personId, amountMinor: request.amount, terminalTransactionId: `${device.identity}:${request.paymentId}` });
  } catch (error) {
    if ((error as { code?: string }).code === 'ledger.id_reused') return rejected('not_allowed');
    throw error;
  }
  const balance = await inTenant(deps.db, device.tenantId, (tx) => walletOf(tx, device.tenantId, auth.personId!));
  return accepted({ balance: balance.available, currency: balance.currency });
}
