// Our DataTransfer messages: what OCPP 1.6 lacks for laundry terminals (balance display,
// pre-selection with a hold, balance transfer between two badges, NFC card top-up, the price
// before a start). Each travels as DataTransfer.req { vendorId: VENDOR_ID, messageId, data } with
// `data` a JSON string, answered by DataTransfer.conf { status, data } with `data` a JSON string.
// The schemas here are the specification (docs/protocol.md shows them with examples); a request
// that fails them gets a CALLERROR with the OCPP 1.6 error code, like any OCPP message.
import { createRPCError, createValidator } from 'ocpp-rpc';
import { unkeepable } from './validation.ts';

export const VENDOR_ID = 'org.concierge';

/** Why a request was refused: the terminal shows the matching message (docs/protocol.md). */
export type RefusalCode =
  | 'authorization_error' // the tag is blocked, lost, expired, owes money or awaits its fee
  | 'balance_too_low'     // the wallet cannot cover the pre-selection or the amount
  | 'busy'                // another session runs on the appliance, or the tag runs one elsewhere
  | 'not_found'           // the tag (or the connector) is unknown here
  | 'appliance_fault'     // the appliance reported a fault or is out of service
  | 'badge_not_supported' // a building badge where the platform bills and collects
  | 'not_allowed';        // the operation needs something the device is not (e.g. accepted, online)

export type QuantityUnit = 'kWh' | 'min' | 'impulse';

export interface GetBalanceRequest { idTag: string }
export interface GetBalanceAnswer { balance: number; currency: string; label: string | null }

export interface GetTariffRequest { connectorId: number }
export interface TariffAnswer {
  connectorId: number;
  unit: QuantityUnit;
  /** Minor units per kWh, per hour (unit "min") or per impulse, VAT included. */
  unitPrice: number;
  sessionFee: number;
  vatRate: number;
  currency: string;
}

export interface PreselectRequest { connectorId: number; idTag: string; quantity: number; unit: QuantityUnit }
export interface PreselectAnswer {
  /** Our session's id; the StartTransaction that follows on this connector for this tag belongs to it. */
  sessionId: string;
  /** What is held on the wallet: the most the session can cost. */
  maxAmount: number;
  currency: string;
  balance: number;
  tariff: TariffAnswer;
}

export interface BalanceTransferRequest { transferId: string; fromIdTag: string; toIdTag: string; amount: number }
export interface BalanceTransferAnswer { fromBalance: number; toBalance: number; currency: string }

export interface CardTopUpRequest { paymentId: string; idTag: string; amount: number; currency: string }
export interface CardTopUpAnswer { balance: number; currency: string }

export interface Refused { reason: RefusalCode }

const idTag = { type: 'string', minLength: 1, maxLength: 20 };
const money = { type: 'integer', minimum: 1, maximum: 100_000_00 };
const connectorId = { type: 'integer', minimum: 1, maximum: 99 };
const unit = { type: 'string', enum: ['kWh', 'min', 'impulse'] };

function request(messageId: string, properties: Record<string, unknown>, required: string[]) {
  return { $id: `urn:${messageId}.req`, type: 'object', additionalProperties: false, properties, required };
}

/** messageId → its request schema. */
export const VENDOR_REQUESTS = {
  GetBalance: request('GetBalance', { idTag }, ['idTag']),
  GetTariff: request('GetTariff', { connectorId }, ['connectorId']),
  Preselect: request('Preselect', { connectorId, idTag, quantity: { type: 'number', exclusiveMinimum: 0, maximum: 100_000 }, unit }, ['connectorId', 'idTag', 'quantity', 'unit']),
  BalanceTransfer: request('BalanceTransfer', {
    transferId: { type: 'string', format: 'uuid' }, fromIdTag: idTag, toIdTag: idTag, amount: money,
  }, ['transferId', 'fromIdTag', 'toIdTag', 'amount']),
  CardTopUp: request('CardTopUp', {
    paymentId: { type: 'string', minLength: 1, maxLength: 64 }, idTag, amount: money, currency: { type: 'string', enum: ['EUR', 'CHF', 'PLN'] },
  }, ['paymentId', 'idTag', 'amount', 'currency']),
} as const;

export type VendorMessageId = keyof typeof VENDOR_REQUESTS;

export function isVendorMessageId(value: unknown): value is VendorMessageId {
  return typeof value === 'string' && Object.hasOwn(VENDOR_REQUESTS, value);
}

const validator = createValidator('concierge', Object.values(VENDOR_REQUESTS));

/** Parses and checks a request's data; throws an RPCError (FormationViolation, …) as OCPP validation does. */
export function parseVendorRequest<T>(messageId: VendorMessageId, data: string | undefined): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data ?? '');
  } catch {
    // ocpp-rpc turns FormatViolation into 1.6's FormationViolation on the wire.
    throw createRPCError('FormatViolation', `${messageId}: data is not JSON`);
  }
  validator.validate(`urn:${messageId}.req`, parsed);
  const problem = unkeepable(parsed);
  if (problem) throw createRPCError('PropertyConstraintViolation', `${messageId}: ${problem}`);
  return parsed as T;
}
