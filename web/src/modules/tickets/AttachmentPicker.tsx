// Choosing files to attach: a button (keyboard and screen readers reach it as one), the chosen files
// with a remove button each, and every refused file said in words (type, size, how many).
import { ActionIcon, Alert, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPT, admit, MAX_FILES, sizeText, type Refusal } from './attachments.ts';

interface Props {
  files: File[];
  onChange(files: File[]): void;
  disabled?: boolean;
}

export function AttachmentPicker({ files, onChange, disabled }: Props) {
  const { t } = useTranslation('tickets');
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  // Emptied after each choice: a file removed and chosen again fires a change again.
  const reset = useRef<() => void>(null);
  const add = (added: File[]) => {
    reset.current?.();
    const answer = admit(files, added);
    setRefusals(answer.refusals);
    onChange(answer.files);
  };
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <FileButton multiple accept={ACCEPT} onChange={add} resetRef={reset} disabled={disabled || files.length >= MAX_FILES}>
          {(props) => <Button variant="default" size="sm" {...props}>{t('attach.add')}</Button>}
        </FileButton>
        <Text size="xs" c="dimmed">{t('attach.rules', { max: MAX_FILES, size: 5 })}</Text>
      </Group>
      {files.length > 0 && (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('attach.chosen')}>
          {files.map((file, index) => (
            <Group component="li" key={`${file.name}-${index}`} gap="xs" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{file.name}</Text>
              <Text size="xs" c="dimmed" style={{ flex: 'none' }}>{sizeText(file.size)}</Text>
              <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('attach.remove', { name: file.name })} disabled={disabled}
                onClick={() => { setRefusals([]); onChange(files.filter((_, i) => i !== index)); }}>✕</ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
      {refusals.length > 0 && (
        <Alert color="red" role="alert" p="xs">
          {refusals.map((r, i) => <Text key={i} size="sm">{t(r.key, r.values)}</Text>)}
        </Alert>
      )}
    </Stack>
  );
}
