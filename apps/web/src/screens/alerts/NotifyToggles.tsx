import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  notificationPermission,
  setNotifySettings,
  unlockSound,
  useNotifySettings,
} from './alert-notify.ts';

/** Sound and desktop notification for new critical alerts: off until switched on, per browser. */
export function NotifyToggles() {
  const { t } = useTranslation('alerts');
  const settings = useNotifySettings();
  const [problem, setProblem] = useState<'denied' | 'unsupported' | null>(null);

  const switchDesktop = async (isOn: boolean) => {
    setProblem(null);
    if (!isOn) return setNotifySettings({ ...settings, desktop: false });
    const permission = notificationPermission();
    if (permission === 'unsupported') return setProblem('unsupported');
    const answer = permission === 'default' ? await Notification.requestPermission() : permission;
    if (answer !== 'granted') return setProblem('denied');
    setNotifySettings({ ...settings, desktop: true });
  };

  return (
    <fieldset className="alerts-notify">
      <legend>{t('notify.title')}</legend>
      <label>
        <input
          type="checkbox"
          checked={settings.sound}
          onChange={(event) => {
            if (event.target.checked) unlockSound();
            setNotifySettings({ ...settings, sound: event.target.checked });
          }}
        />{' '}
        {t('notify.sound')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.desktop}
          onChange={(event) => void switchDesktop(event.target.checked)}
        />{' '}
        {t('notify.desktop')}
      </label>
      {problem ? (
        <span className="hint" role="status">
          {t(`notify.${problem}`)}
        </span>
      ) : null}
    </fieldset>
  );
}
