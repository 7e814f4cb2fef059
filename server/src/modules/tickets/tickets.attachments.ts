// Files attached to a ticket: at most 5 MiB each, and only what the type claims. The bytes are
// checked by their magic number, so a renamed executable is not stored as a photo.
import { createHash } from 'node:crypto';
import type { TicketMediaType } from '../../db/schema.ts';
import { ticketErrors } from './tickets.errors.ts';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

export interface AttachmentIn { filename: string; mediaType: TicketMediaType; contentBase64: string }
export interface CheckedAttachment { filename: string; mediaType: TicketMediaType; content: Buffer; size: number; sha256: string }

const startsWith = (bytes: Buffer, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const MATCHES: Record<TicketMediaType, (bytes: Buffer) => boolean> = {
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded size, known before decoding: a 30 MiB string is refused without allocating it. */
function decodedSize(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

export function checkAttachments(attachments: AttachmentIn[]): CheckedAttachment[] {
  return attachments.map((attachment, index) => {
    const text = attachment.contentBase64.replace(/\s+/g, '');
    if (text.length % 4 !== 0 || !BASE64.test(text)) throw ticketErrors.attachmentEncoding(index);
    const size = decodedSize(text);
    if (size > MAX_ATTACHMENT_BYTES) throw ticketErrors.attachmentTooLarge(index, '5 MiB');
    const content = Buffer.from(text, 'base64');
    if (content.length === 0 || !MATCHES[attachment.mediaType](content)) throw ticketErrors.attachmentType(index);
    return {
      filename: attachment.filename.replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim() || 'file', mediaType: attachment.mediaType, content, size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  });
}
