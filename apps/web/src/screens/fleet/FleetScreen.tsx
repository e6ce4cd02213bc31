import { useTranslation } from 'react-i18next';

// PLACEHOLDER: replaced by the fleet screen.
export function FleetScreen() {
  const { t } = useTranslation();
  return <h1>{t('nav.fleet')}</h1>;
}
