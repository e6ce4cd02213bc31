import { useTranslation } from 'react-i18next';

// PLACEHOLDER: replaced by the zones screen.
export function ZonesScreen() {
  const { t } = useTranslation();
  return <h1>{t('nav.zones')}</h1>;
}
