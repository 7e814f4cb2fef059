// Mantine's PasswordInput with its visibility toggle labelled in the user's language.
import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation('auth');
  return <PasswordInput {...props} visibilityToggleButtonProps={{ 'aria-label': t('togglePassword') }} />;
}
