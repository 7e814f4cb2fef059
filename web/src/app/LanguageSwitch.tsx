import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('language')}
      data-testid="language-switch"
      size="xs"
      w={{ base: 112, xs: 130 }}
      allowDeselect={false}
      value={i18n.language}
      data={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
      onChange={(value) => value && changeLanguage(value as Language)}
    />
  );
}
