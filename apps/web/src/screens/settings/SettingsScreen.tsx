import { useTranslation } from 'react-i18next';
import '../../ui/admin.css';
import { PasswordForm } from './PasswordForm.tsx';
import { ProfileForm } from './ProfileForm.tsx';

/** Every user's own account: name, language, password. */
export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <div className="admin-screen settings">
      <header className="admin-head">
        <h1>{t('nav.settings')}</h1>
      </header>
      <ProfileForm />
      <PasswordForm />
    </div>
  );
}
