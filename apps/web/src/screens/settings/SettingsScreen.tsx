import { useTranslation } from 'react-i18next';

// PLACEHOLDER: replaced by the settings screen.
export function SettingsScreen() {
  const { t } = useTranslation();
  return <h1>{t('nav.settings')}</h1>;
}
