import { useTranslation } from 'react-i18next';

// PLACEHOLDER: replaced by the apiKeys screen.
export function ApiKeysScreen() {
  const { t } = useTranslation();
  return <h1>{t('nav.apiKeys')}</h1>;
}
