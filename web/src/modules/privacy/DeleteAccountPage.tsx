// The page of the link in the deletion mail, reached with or without a session: asks once more,
// then erases the account. A session of the deleted account ended with it, so the portal forgets it.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { PublicFrame } from '../auth/PublicFrame.tsx';
import { confirmDeletion, isUnsettled } from './privacy.api.ts';
import { UnsettledNotice } from './UnsettledNotice.tsx';

export function DeleteAccountPage() {
  const { t } = useTranslation('privacy');
  const { refresh } = useSession();
  const token = useSearchParams()[0].get('token') ?? '';
  const [done, setDone] = useState(false);
  const { busy, error, submit: confirm } = useSubmit(t, async () => {
    await confirmDeletion(token);
    setDone(true);
    await refresh().catch(() => null);
  });
  const invalid = !token || (error instanceof ApiError && error.code === 'privacy.invalid_token');

  if (done) {
    return (
      <PublicFrame title={t('confirm.doneTitle')} backToLogin={false}>
        <Alert color="green" role="status">{t('confirm.done')}</Alert>
        <Button component={Link} to="/login">{t('confirm.toLogin')}</Button>
      </PublicFrame>
    );
  }
  if (invalid) {
    return <PublicFrame title={t('confirm.title')}><Alert color="red" role="alert">{t('errors.privacy.invalid_token')}</Alert></PublicFrame>;
  }
  return (
    <PublicFrame title={t('confirm.title')}>
      <Stack>
        <Alert color="red" title={t('confirm.warningTitle')}>{t('confirm.warning')}</Alert>
        <Text size="sm">{t('confirm.kept')}</Text>
        {isUnsettled(error) ? <UnsettledNotice code={error.code} /> : error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        <Button color="red" loading={busy} onClick={() => void confirm()}>{t('confirm.button')}</Button>
      </Stack>
    </PublicFrame>
  );
}
