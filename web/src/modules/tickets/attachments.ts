// The attachment rules the server enforces, checked in the browser first so that a resident learns
// at once which file is refused and why instead of after a long upload; then the files as base64.
import { formatNumber } from '../../format.ts';
import { MEDIA_TYPES, type AttachmentIn, type MediaType } from './tickets.api.ts';

export const MAX_FILES = 5;
export const MAX_BYTES = 5 * 1024 * 1024;
export const ACCEPT = [...MEDIA_TYPES, '.jpg', '.jpeg', '.png', '.webp', '.pdf'].join(',');

/** Why a file may not be attached, as a key of the `tickets` namespace with its values. */
export interface Refusal { key: 'attach.wrongType' | 'attach.tooLarge' | 'attach.tooMany'; values: Record<string, string | number> }

const BY_EXTENSION: Record<string, MediaType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' };

/** Some systems hand over an empty type; the extension then decides. */
export function mediaTypeOf(file: File): MediaType | null {
  if ((MEDIA_TYPES as readonly string[]).includes(file.type)) return file.type as MediaType;
  if (file.type) return null;
  return BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

/** The files that may join those already chosen, and what was refused. */
export function admit(chosen: File[], added: File[]): { files: File[]; refusals: Refusal[] } {
  const files = [...chosen];
  const refusals: Refusal[] = [];
  for (const file of added) {
    if (!mediaTypeOf(file)) refusals.push({ key: 'attach.wrongType', values: { name: file.name } });
    else if (file.size > MAX_BYTES) refusals.push({ key: 'attach.tooLarge', values: { name: file.name, max: 5 } });
    else if (files.length >= MAX_FILES) refusals.push({ key: 'attach.tooMany', values: { name: file.name, max: MAX_FILES } });
    else files.push(file);
  }
  return { files, refusals };
}

function base64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

export async function encodeAttachments(files: File[]): Promise<AttachmentIn[]> {
  return Promise.all(files.map(async (file) => ({ filename: file.name.slice(0, 200), mediaType: mediaTypeOf(file)!, contentBase64: await base64(file) })));
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} KB`;
  return `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
}
