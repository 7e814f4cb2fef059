// The data protection calls of the portal (server/src/modules/privacy): the archive download
// with progress, the deletion request and its confirmation by the mailed link.
import { ApiError, post } from '../../api.ts';

/** Codes the server refuses a deletion with while something is still open; the page links to where it is settled. */
export type Unsettled = 'privacy.balance_remaining' | 'privacy.open_invoices';
export const isUnsettled = (error: unknown): error is ApiError & { code: Unsettled } =>
  error instanceof ApiError && (error.code === 'privacy.balance_remaining' || error.code === 'privacy.open_invoices');

/** Reads the archive chunk by chunk, so the page can show how far it is (`null` while the size is unknown). */
export async function downloadArchive(onProgress: (fraction: number | null) => void): Promise<{ name: string; blob: Blob }> {
  const response = await fetch('/api/privacy/export', { credentials: 'same-origin' });
  if (!response.ok || !response.body) {
    const data = await response.json().catch(() => null) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, data?.error?.code ?? 'network', data?.error?.message ?? response.statusText);
  }
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(total ? received / total : null);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'concierge-data.zip';
  return { name, blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }) };
}

export const requestDeletion = () => post('/api/privacy/deletion');
export const confirmDeletion = (token: string) => post('/api/privacy/deletion/confirm', { token });
