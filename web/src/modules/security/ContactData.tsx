// Name, phone numbers and the language of mails. Phone numbers also reach the person records
// the account is linked to, so the property manager sees them.
import { Alert, Button, Card, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api.ts';
import { useSession, type Me } from '../../app/session.tsx';
import { changeLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/index.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formErrors } from '../auth/apiErrors.ts';

export function ContactData() {
  const { me } = useSession();
  return me ? <ContactForm user={me.user} /> : null;
}

function ContactForm({ user }: { user: Me['user'] }) {
  const { t } = useTranslation('security');
  const { refresh } = useSession();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [landline, setLandline] = useState(user.landline ?? '');
  const [mobile, setMobile] = useState(user.mobile ?? '');
  const [language, setLanguage] = useState<Language>(user.language);
  const { busy, error, submit } = useSubmit(t, async () => {
    await patch('/api/me/contact', { displayName: displayName.trim(), landline: landline.trim() || null, mobile: mobile.trim() || null, language });
    if (language !== user.language) changeLanguage(language);
    await refresh();
    notifications.show({ color: 'green', message: t('common:saved') });
  });
  const errors = formErrors(error, ['displayName', 'landline', 'mobile', 'language'], ['security']);

  return (
    <Card withBorder>
      <form onSubmit={submit} aria-labelledby="contact-title">
        <Stack>
          <Title order={2} size="h4" id="contact-title">{t('contact.title')}</Title>
          {errors.alert && <Alert color="red" role="alert">{errors.alert}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('contact.displayName')} autoComplete="name" required maxLength={120} value={displayName}
              error={errors.fields.displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
            <Select label={t('contact.language')} description={t('contact.languageHint')} allowDeselect={false} value={language}
              data={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))} error={errors.fields.language}
              onChange={(value) => value && setLanguage(value as Language)} />
            <TextInput label={t('contact.landline')} type="tel" autoComplete="tel" value={landline} error={errors.fields.landline}
              onChange={(e) => setLandline(e.currentTarget.value)} />
            <TextInput label={t('contact.mobile')} type="tel" autoComplete="tel" value={mobile} error={errors.fields.mobile}
              onChange={(e) => setMobile(e.currentTarget.value)} />
          </SimpleGrid>
          <Button type="submit" loading={busy} disabled={!displayName.trim()} w={{ base: '100%', xs: 'auto' }} style={{ alignSelf: 'flex-start' }}>{t('common:save')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
