// The select fields shared by creating and editing a property manager.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/index.ts';
import { CURRENCIES, OPERATING_MODES, TENANT_COUNTRIES } from './tenancy.api.ts';

interface Props {
  value: string;
  onChange(value: string): void;
  error?: string;
  disabled?: boolean;
}

export function CountrySelect({ value, onChange, error }: Props) {
  const { t } = useTranslation('tenancy');
  return <Select label={t('country')} required allowDeselect={false} value={value} error={error} onChange={(v) => v && onChange(v)}
    data={TENANT_COUNTRIES.map((c) => ({ value: c, label: t(`countries.${c}`) }))} />;
}

export function CurrencySelect({ value, onChange, error, disabled }: Props) {
  const { t } = useTranslation('tenancy');
  return <Select label={t('currency')} required allowDeselect={false} disabled={disabled} value={value} error={error} onChange={(v) => v && onChange(v)} data={[...CURRENCIES]} />;
}

export function LanguageSelect({ value, onChange, error }: Props) {
  const { t } = useTranslation('tenancy');
  return <Select label={t('defaultLanguage')} required allowDeselect={false} value={value} error={error} onChange={(v) => v && onChange(v)}
    data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />;
}

export function ModeSelect({ value, onChange, error }: Props) {
  const { t } = useTranslation('tenancy');
  return <Select label={t('operatingMode')} required allowDeselect={false} value={value} error={error} onChange={(v) => v && onChange(v)}
    data={OPERATING_MODES.map((m) => ({ value: m, label: t(`modes.${m}`) }))} />;
}
