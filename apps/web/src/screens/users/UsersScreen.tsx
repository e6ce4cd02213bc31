import { useTranslation } from 'react-i18next';

// PLACEHOLDER: replaced by the users screen.
export function UsersScreen() {
  const { t } = useTranslation();
  return <h1>{t('nav.users')}</h1>;
}
