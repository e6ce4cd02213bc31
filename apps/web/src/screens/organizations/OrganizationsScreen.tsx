import { useTranslation } from 'react-i18next';

// PLACEHOLDER: replaced by the organizations screen.
export function OrganizationsScreen() {
  const { t } = useTranslation();
  return <h1>{t('nav.organizations')}</h1>;
}
