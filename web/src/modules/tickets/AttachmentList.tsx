// A ticket's files: images as thumbnails opening the full picture, PDFs as links; all are fetched
// through the ticket (the server checks the reader may see it).
import { Anchor, Group, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { sizeText } from './attachments.ts';
import { attachmentUrl, type Attachment } from './tickets.api.ts';

export function AttachmentList({ ticketId, attachments }: { ticketId: string; attachments: Attachment[] }) {
  const { t } = useTranslation('tickets');
  if (!attachments.length) return null;
  const images = attachments.filter((a) => a.mediaType.startsWith('image/'));
  const documents = attachments.filter((a) => !a.mediaType.startsWith('image/'));
  return (
    <Stack gap="xs">
      {images.length > 0 && (
        <Group gap="xs">
          {images.map((a) => (
            <Anchor key={a.id} href={attachmentUrl(ticketId, a.id)} target="_blank" rel="noopener" aria-label={t('attach.open', { name: a.filename })}>
              <Image src={attachmentUrl(ticketId, a.id)} alt={a.filename} w={96} h={96} fit="cover" radius="sm" loading="lazy" />
            </Anchor>
          ))}
        </Group>
      )}
      {documents.map((a) => (
        <Group key={a.id} gap="xs" wrap="nowrap">
          <Anchor href={attachmentUrl(ticketId, a.id)} target="_blank" rel="noopener" size="sm" style={{ overflowWrap: 'anywhere' }}>{a.filename}</Anchor>
          <Text size="xs" c="dimmed" style={{ flex: 'none' }}>{sizeText(a.size)}</Text>
        </Group>
      ))}
    </Stack>
  );
}
