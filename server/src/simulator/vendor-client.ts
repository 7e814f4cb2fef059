// Our DataTransfer messages as a terminal sends them (server/src/gateway/ocpp/vendor.ts is the
// specification): data goes as a JSON string both ways; a refusal comes back as status
// Rejected with { reason } in data.
import { VENDOR_ID, type RefusalCode, type VendorMessageId } from '../gateway/ocpp/vendor.ts';
import type { SimulatedDevice } from './device.ts';

export type VendorAnswer<T> = { accepted: true; data: T } | { accepted: false; reason: RefusalCode | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId' };

interface DataTransferAnswer { status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId'; data?: string }

export async function vendorRequest<T>(device: SimulatedDevice, messageId: VendorMessageId, request: object): Promise<VendorAnswer<T>> {
  const answer = await device.call<DataTransferAnswer>('DataTransfer', { vendorId: VENDOR_ID, messageId, data: JSON.stringify(request) });
  const data: unknown = answer.data ? JSON.parse(answer.data) : undefined;
  if (answer.status === 'Accepted') return { accepted: true, data: data as T };
  const reason = (data as { reason?: RefusalCode } | undefined)?.reason;
  return { accepted: false, reason: reason ?? answer.status };
}
