// "Download my data": the whole archive fetched here (not a plain link) so the page can show how
// far the download is and keep the button from starting a second one meanwhile.
import { Alert, Button, Card, List, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { saveBlob } from '../../ui/save.ts';
import { downloadArchive } from './privacy.api.ts';

export function DataExport() {
  const { t } = useTranslation('privacy');
  const [progress, setProgress] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, submit: download } = useSubmit(t, async () => {
    setSaved(null);
    setProgress(null);
    const { name, blob } = await downloadArchive(setProgress);
    saveBlob(name, blob);
    setSaved(name);
  });
  const percent = Math.round((progress ?? 0) * 100);

  return (
    <Card withBorder maw={720}>
      <Stack>
        <Title order={2} size="h4">{t('export.title')}</Title>
        <Text size="sm">{t('export.explain')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('export.json')}</List.Item>
          <List.Item>{t('export.csv')}</List.Item>
          <List.Item>{t('export.secrets')}</List.Item>
        </List>
        {busy && (
          <Stack gap={4}>
            <Text size="sm" role="status">{progress === null ? t('export.preparing') : t('export.downloading', { percent })}</Text>
            <Progress value={progress === null ? 100 : percent} animated={progress === null} aria-label={t('export.progress')} />
          </Stack>
        )}
        {saved && <Alert color="green" role="status">{t('export.saved', { file: saved })}</Alert>}
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        <Button onClick={() => void download()} loading={busy} disabled={busy} style={{ alignSelf: 'flex-start' }}>{t('export.button')}</Button>
      </Stack>
    </Card>
  );
}
